using Reporting.Domain.Validation;
using Reporting.Excel.Consolidation;
using Reporting.Domain.Text;
using System.Text.Json;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Registry;
using Reporting.Excel.Reports;
using Reporting.Integration.Tests.Cli;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reports;

/// <summary>
/// The issue's check: the consolidated workbook, opened with an independent reader (exceljs), matches an
/// independent recomputation of fees, kWh and violations from the files that were uploaded.
/// </summary>
public sealed class EndToEndReportTests
{
    private static readonly Quarter Q = new(2025, 1);

    [Fact]
    public async Task The_consolidated_workbook_read_with_exceljs_matches_a_recomputation_from_the_uploaded_files()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var storage = azurite.ConnectionString;
        using var temp = new TempDirectory();
        var uploads = Path.Combine(temp.Path, "uploads");
        var dataset = new SampleDataset();
        var full = dataset.Registry(Q.Months);
        var miners = dataset.Profiles.Where(p => Q.Months.All(p.Licence.IsActiveIn) && p.GridShare > 0.5m).Take(4).ToArray();
        var numbers = miners.Select(m => m.Licence.Number).ToHashSet();
        var registry = full with
        {
            Licences = [.. full.Licences.Where(l => numbers.Contains(l.Number))],
            Quotas = [.. full.Quotas.Where(q => numbers.Contains(q.Licence))],
            Equipment = [.. full.Equipment.Where(e => numbers.Contains(e.Licence))],
        };

        // Miner 0 buys more grid power in March than its quota; miner 1 sells little on AIFC exchanges.
        var consumption = new Dictionary<string, List<ConsumptionReport>>();
        var sales = new Dictionary<string, List<SalesReport>>();
        foreach (var (miner, index) in miners.Select((m, i) => (m, i)))
        {
            var folder = Directory.CreateDirectory(Path.Combine(uploads, miner.Licence.Number)).FullName;
            consumption[miner.Licence.Number] = [];
            sales[miner.Licence.Number] = [];
            foreach (var month in Q.Months)
            {
                var c = dataset.Consumption(miner, month);
                if (index == 0 && month == Q.LastMonth)
                    c = c with { Rows = [.. c.Rows.Select(r => r.Source == EnergySource.Grid ? r with { Kwh = decimal.Round(r.Kwh * 1.3m, 3), CostKzt = decimal.Round(r.CostKzt!.Value * 1.3m, 2) } : r)] };
                var s = dataset.Sales(miner, month);
                if (index == 1) s = s with { Sold = [.. s.Sold.Take(1)] };
                consumption[miner.Licence.Number].Add(c);
                sales[miner.Licence.Number].Add(s);
                File.WriteAllBytes(Path.Combine(folder, $"{month}-consumption.xlsx"), MonthReportWriter.ToBytes(c));
                File.WriteAllBytes(Path.Combine(folder, $"{month}-sales.xlsx"), MonthReportWriter.ToBytes(s));
            }
        }

        var registryPath = temp.File("registry.xlsx");
        File.WriteAllBytes(registryPath, RegistryWorkbookWriter.ToBytes(registry));
        var reportPath = temp.File("consolidated-2025-Q1.xlsx");

        Assert.Equal(0, (await CliRunner.RunAsync("registry", "import", registryPath, "--storage", storage)).ExitCode);
        using (await NodeTool.RunJsonAsync("upload-blobs.mjs", "--connection-string", storage, "--container", "uploads", "--dir", uploads)) { }
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "--storage", storage)).ExitCode);
        var (exit, output, error) = await CliRunner.RunAsync("report", "quarterly", "--quarter", "2025-Q1", "--out", reportPath, "--storage", storage);
        Assert.True(exit == 0, output + error);

        using var workbook = await NodeTool.RunJsonAsync("read-workbook.mjs", reportPath);
        var sheets = workbook.RootElement.GetProperty("sheets").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        // The committee's workbook is in Russian by default (Reports:Language): its sheets are found by their Russian names.
        var russian = MessageCatalog.Default.In(Language.Ru);
        var summary = sheets[russian[ReportTexts.SheetSummary]].GetProperty("cells");
        var rows = Enumerable.Range(2, miners.Length).ToDictionary(r => summary.GetProperty($"A{r}").GetProperty("value").GetString()!, r => r);
        var totalErrors = 0;
        var expectedCodes = new List<string>();
        decimal totalKwh = 0, totalFee = 0;
        foreach (var miner in miners)
        {
            var number = miner.Licence.Number;
            var row = rows[number];
            var reports = consumption[number];
            var rowsOf = reports.SelectMany(r => r.Rows).ToArray();
            Assert.Equal(rowsOf.Sum(r => r.Kwh), Num(summary, $"F{row}"));
            Assert.Equal(rowsOf.Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh), Num(summary, $"G{row}"));
            var fee = Math.Round(rowsOf.Sum(r => r.Kwh * (r.Source is EnergySource.Renewable or EnergySource.OffGrid ? 1m : 2m)), 2, MidpointRounding.AwayFromZero);
            Assert.Equal(fee, Num(summary, $"O{row}"));
            totalKwh += rowsOf.Sum(r => r.Kwh);
            totalFee += fee;

            // Errors recomputed from the law: quota per month (from July 2023), sale share 0.80 per asset (2025).
            var errors = 0;
            foreach (var report in reports)
            {
                var grid = report.Rows.Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh);
                var quota = registry.Quotas.Where(q => q.Licence == number && q.Month == report.Period).Select(q => (decimal?)q.Kwh).SingleOrDefault();
                if (grid > 0 && (quota is null || grid > quota))
                {
                    errors++;
                    expectedCodes.Add($"{number}|{report.Period}|{(quota is null ? "no-quota" : "quota-exceeded")}");
                }
            }

            var mined = sales[number].SelectMany(s => s.Mined).Sum(m => m.Quantity);
            var soldAifc = sales[number].SelectMany(s => s.Sold).Where(s => SampleDataset.AifcExchanges.Any(e => e.Code == s.Exchange)).Sum(s => s.Quantity);
            if (mined > 0 && soldAifc / mined < 0.80m)
            {
                errors++;
                expectedCodes.Add($"{number}|{Q}|sale-share-below-minimum");
            }

            Assert.True(errors == Num(summary, $"W{row}"), $"{number}: expected {errors} violations");
            totalErrors += errors;
        }

        Assert.True(totalErrors >= 2, "the scenario must produce violations");
        var violations = sheets[russian[ReportTexts.SheetViolations]].GetProperty("cells");
        var errorRows = Enumerable.Range(2, 200).Count(r => violations.TryGetProperty($"D{r}", out var d) && d.GetProperty("value").GetString() == russian[Terms.Of(Severity.Error)]);
        Assert.Equal(totalErrors, errorRows);
        // Which violations, not only how many: licence, period and code of every error row.
        var listed = Enumerable.Range(2, 200).Where(r => violations.TryGetProperty($"D{r}", out var d) && d.GetProperty("value").GetString() == russian[Terms.Of(Severity.Error)])
            .Select(r => $"{Text(violations, $"A{r}")}|{Text(violations, $"B{r}")}|{Text(violations, $"C{r}")}");
        Assert.Equal(expectedCodes.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        // The totals row adds up the licences.
        var totalRow = miners.Length + 2;
        Assert.Equal(russian[ReportTexts.Total], Text(summary, $"A{totalRow}"));
        Assert.Equal(totalKwh, Num(summary, $"F{totalRow}"));
        Assert.Equal(totalFee, Num(summary, $"O{totalRow}"));

        // The audit trail names every uploaded file by its SHA-256.
        var uploadedHashes = Directory.EnumerateFiles(uploads, "*.xlsx", SearchOption.AllDirectories)
            .Select(f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
        var listedHashes = sheets[russian[ReportTexts.SheetAbout]].GetProperty("cells").EnumerateObject()
            .Where(c => c.Name.StartsWith('F') && c.Value.GetProperty("value").ValueKind == JsonValueKind.String)
            .Select(c => c.Value.GetProperty("value").GetString()!).Where(v => v.Length == 64 && v.All(Uri.IsHexDigit));
        Assert.Equal(uploadedHashes.Order(StringComparer.Ordinal), listedHashes.Order(StringComparer.Ordinal));
        Assert.All(sheets.Values, s => Assert.DoesNotContain(s.GetProperty("cells").EnumerateObject(), c => c.Value.GetProperty("type").GetString() == "formula"));

        // The committee's download link serves exactly the stored workbook.
        var (linkExit, link, _) = await CliRunner.RunAsync("report", "link", "--quarter", "2025-Q1", "--hours", "1", "--storage", storage);
        Assert.Equal(0, linkExit);
        using var http = new HttpClient();
        Assert.Equal(File.ReadAllBytes(reportPath), await http.GetByteArrayAsync(new Uri(link.Trim())));
    }

    private static decimal Num(JsonElement cells, string address) => cells.GetProperty(address).GetProperty("value").GetDecimal();

    private static string? Text(JsonElement cells, string address) => cells.TryGetProperty(address, out var cell) ? cell.GetProperty("value").ToString() : null;
}
