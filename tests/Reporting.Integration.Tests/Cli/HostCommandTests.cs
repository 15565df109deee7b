using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Reporting.Cli;
using Reporting.Cli.Commands;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Ledger;
using Reporting.Storage.Reconciliation;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Cli;

/// <summary>
/// The two hosts of the command line: `serve` (the local Functions host) on a fake clock, and `demo` (the main job end
/// to end), whose printed figures must be those of the reports it stored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class HostCommandTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";

    [Fact]
    public async Task Serve_processes_an_upload_dropped_into_storage_and_runs_a_timer_when_the_fake_clock_reaches_it()
    {
        // 02:28 UTC on 11 April 2025: the reconciliation timer (02:30) is two minutes away.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 11, 2, 28, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: clock);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString, ["Storage:NamePrefix"] = pipeline.Prefix };
        await using var services = CliServices.Build(settings, verbose: false, s => s.AddSingleton<TimeProvider>(clock));
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(errors));
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => ServeCommand.LoopAsync(console, services, TimeSpan.FromSeconds(5), reportsNow: false, stop.Token));

        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        await AdvanceUntil(clock, output, $"{Licence}/march.xlsx: accepted {Licence} 2025-03 consumption");
        var submission = Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
        Assert.Equal($"{Licence}/march.xlsx", submission.BlobName);

        // Two minutes of fake time later the reconciliation timer fires: a unit per recent month and source, each run.
        await AdvanceUntil(clock, output, "timer reconcile: 12 units of work enqueued");
        foreach (var source in new[] { "reports", "market-operator", "exchange", "pools" }) await AdvanceUntil(clock, output, $"reconcile 2025-03/{source}: ");
        var runs = await pipeline.Get<FindingStore>().ListRunsAsync(new Month(2025, 3), CancellationToken.None);
        Assert.Equal(ReconciliationSources, runs.Where(r => r.Batch == "20250411T023000Z").Select(r => r.Source).Order());

        await stop.CancelAsync();
        Assert.Equal(ReportingCommandLine.Success, await loop);
        Assert.EndsWith("Stopped." + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", errors.ToString());
    }

    private static readonly FindingSource[] ReconciliationSources = [FindingSource.Reports, FindingSource.MarketOperator, FindingSource.Exchange, FindingSource.Pools];

    /// <summary>Moves the fake clock on by the serve interval until the output says <paramref name="expected"/> (bounded).</summary>
    private static async Task AdvanceUntil(FakeTimeProvider clock, StringWriter output, string expected)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!output.ToString().Contains(expected, StringComparison.Ordinal))
        {
            Assert.False(timeout.IsCancellationRequested, $"serve did not print '{expected}' in time. It printed:\n{output}");
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(50, CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_demo_prints_the_figures_of_the_reports_it_stored_and_the_kwh_of_the_reports_that_count()
    {
        using var folder = new TempDirectory();
        // The demo starts an Azurite of its own, as `bash scripts/demo.sh` does.
        var (exit, output, error) = await CliRunner.RunAsync("demo", "--licences", "5", "--from", "2025-01", "--to", "2025-03", "--seed", "41", "--out", folder.Path);

        Assert.True(exit == 0, output + error);
        var row = QuarterRow().Match(output);
        Assert.True(row.Success, output);
        var (licences, kwh, fee) = (int.Parse(row.Groups["licences"].Value, CultureInfo.InvariantCulture),
            decimal.Parse(row.Groups["kwh"].Value, NumberStyles.Number, CultureInfo.InvariantCulture),
            decimal.Parse(row.Groups["fee"].Value, NumberStyles.Number, CultureInfo.InvariantCulture));

        // The stored workbook (in the committee's language, Russian by default), read back: its Summary's totals row.
        using var workbook = new XLWorkbook(Path.Combine(folder.Path, "consolidated-2025-Q1.xlsx"));
        var summary = workbook.Worksheet(Russian[new TextKey("report.sheet.summary")]);
        var totals = summary.RowsUsed().Last();
        Assert.Equal(kwh, decimal.Round((decimal)totals.Cell(6).GetDouble()));
        Assert.Equal(fee, decimal.Round((decimal)totals.Cell(FeeColumn(summary)).GetDouble(), 2));
        Assert.Equal(licences, summary.RowsUsed().Count() - 2); // the header and the totals row

        // Independently of the pipeline: the kWh of the reports the plan says should count.
        var plan = DemoPlan.Create(new DemoOptions { Licences = 5, From = new Month(2025, 1), To = new Month(2025, 3), Seed = 41 });
        Assert.Equal(decimal.Round(plan.Counted.OfType<ConsumptionReport>().Sum(r => r.Rows.Sum(x => x.Kwh))), kwh);
    }

    private static readonly Words Russian = MessageCatalog.Default.In(Language.Ru);

    private static int FeeColumn(IXLWorksheet summary) =>
        summary.Row(1).CellsUsed().Single(c => c.GetString() == Russian[new TextKey("report.column.fee-due")]).Address.ColumnNumber;

    [GeneratedRegex(@"^Q1 2025\s+(?<licences>\d+)\s+(?<kwh>[\d,]+)\s+(?<fee>[\d,]+\.\d\d)\s", RegexOptions.Multiline)]
    private static partial Regex QuarterRow();
}
