using System.Globalization;
using System.Text.Json;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Integration.Tests.Cli;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// The check: uploads made with the JavaScript Azure SDK are processed by `reporting ingest`, and
/// the results read back with the JavaScript SDK match an independent recomputation.
/// </summary>
public sealed class JavaScriptClientTests
{
    [Fact]
    public async Task Uploads_from_the_JavaScript_SDK_are_ingested_by_the_command_line_and_read_back_independently()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var storage = azurite.ConnectionString;
        using var folder = new TempDirectory();
        var dataset = new SampleDataset();
        var quarter = new Quarter(2025, 1);
        var miners = dataset.Profiles.Where(p => quarter.Months.All(p.Licence.IsActiveIn)).Take(3).ToArray();
        var consumption = new List<ConsumptionReport>();
        foreach (var miner in miners)
        {
            Directory.CreateDirectory(Path.Combine(folder.Path, miner.Licence.Number));
            foreach (var month in quarter.Months)
            {
                var report = dataset.Consumption(miner, month);
                consumption.Add(report);
                File.WriteAllBytes(Path.Combine(folder.Path, miner.Licence.Number, $"{month}-consumption.xlsx"), MonthReportWriter.ToBytes(report));
                File.WriteAllBytes(Path.Combine(folder.Path, miner.Licence.Number, $"{month}-sales.xlsx"), MonthReportWriter.ToBytes(dataset.Sales(miner, month)));
            }
        }

        var registryPath = Path.Combine(folder.Path, "..", Path.GetFileName(folder.Path) + "-registry.xlsx");
        File.WriteAllBytes(registryPath, Reporting.Excel.Registry.RegistryWorkbookWriter.ToBytes(dataset.Registry(quarter.Months)));
        try
        {
            var (importExit, importOut, importError) = await CliRunner.RunAsync("registry", "import", registryPath, "--storage", storage);
            Assert.True(importExit == 0, importOut + importError);
            using var uploaded = await NodeTool.RunJsonAsync("upload-blobs.mjs", "--connection-string", storage, "--container", "uploads", "--dir", folder.Path);
            Assert.Equal(18, uploaded.RootElement.GetProperty("uploaded").GetArrayLength());

            var (exit, output, error) = await CliRunner.RunAsync("ingest", "--storage", storage, "--json");

            Assert.True(exit == 0, output + error);
            using var ingested = JsonDocument.Parse(output);
            Assert.Equal(18, ingested.RootElement.GetProperty("summary").GetProperty("accepted").GetInt32());

            using var assessments = await NodeTool.RunJsonAsync("read-table.mjs", "--connection-string", storage, "--table", "QuarterlyAssessments", "--partition", "2025-Q1");
            var rows = assessments.RootElement.GetProperty("entities").EnumerateArray().ToDictionary(e => e.GetProperty("Licence").GetString()!);
            Assert.Equal(miners.Length, rows.Count);
            foreach (var miner in miners)
            {
                var row = rows[miner.Licence.Number];
                var mine = consumption.Where(c => c.Licence == miner.Licence.Number).ToArray();
                Assert.Equal(Recompute.FlatFee2024(mine), decimal.Parse(row.GetProperty("FeeKzt").GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(Recompute.Kwh(mine), decimal.Parse(row.GetProperty("KwhTotal").GetString()!, CultureInfo.InvariantCulture));
                Assert.Equal(mine.SelectMany(c => c.Rows).Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh),
                    decimal.Parse(row.GetProperty("KwhGrid").GetString()!, CultureInfo.InvariantCulture));
                // Fee also as whole tiyn (Int64, which the JavaScript SDK returns as a string).
                Assert.Equal((long)(Recompute.FlatFee2024(mine) * 100), long.Parse(row.GetProperty("FeeTiyn").GetString()!, CultureInfo.InvariantCulture));
            }

            using var submissions = await NodeTool.RunJsonAsync("read-table.mjs", "--connection-string", storage, "--table", "Submissions",
                "--filter", "RowKey ge 'upload|' and RowKey lt 'upload}'");
            var uploads = submissions.RootElement.GetProperty("entities").EnumerateArray().ToArray();
            Assert.Equal(18, uploads.Length);
            Assert.All(uploads, u => Assert.Equal("accepted", u.GetProperty("Status").GetString()));
            var hashes = uploaded.RootElement.GetProperty("uploaded").EnumerateArray().Select(u => u.GetProperty("name").GetString()).Order();
            Assert.Equal(hashes, uploads.Select(u => u.GetProperty("BlobName").GetString()).Order());
        }
        finally
        {
            File.Delete(registryPath);
        }
    }
}
