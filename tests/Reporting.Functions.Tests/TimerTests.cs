using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Domain.Periods;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Reports;
using Reporting.TestSupport;
using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>
/// The timers invoked as the host fires them, on their own storage holding a processed 2025-03 report:
/// 2025-Q1 is closed for any run of these tests, and Reports__FirstQuarter starts the reports there.
/// The external sources are left unconfigured, as in the sample settings.
/// </summary>
public sealed class TimerTests(TimerTests.Fixture fixture) : IClassFixture<TimerTests.Fixture>
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Quarter Q1 = new(2025, 1);

    // Any tick: the functions work from stored state and the clock, not from the schedule status.
    private static readonly DateTime Last = new(2026, 1, 14, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Next = new(2026, 1, 15, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task BuildQuarterlyReports_builds_the_closed_quarter_once()
    {
        var result = await fixture.Worker.InvokeTimerAsync("BuildQuarterlyReports", Last, Next);

        Assert.True(result.Succeeded, result.ToString());
        var reports = fixture.Pipeline.Get<ReportStore>();
        var version = await reports.GetCurrentAsync(Q1, CancellationToken.None);
        Assert.NotNull(version);
        var assessment = await fixture.Pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal(assessment!.FeeKzt, version.FeeKzt);
        var workbook = (await reports.DownloadAsync(version.WorkbookBlob, CancellationToken.None)).ToArray();
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);
        Assert.StartsWith("Quarterly reports: ", Assert.Single(result.Logs, l => l.Category == "Reporting.Functions.BuildQuarterlyReports").Message, StringComparison.Ordinal);

        // A second tick (a missed lock, a slot) builds nothing new.
        var again = await fixture.Worker.InvokeTimerAsync("BuildQuarterlyReports", Next, Next.AddDays(1));

        Assert.True(again.Succeeded, again.ToString());
        Assert.Single(await reports.ListVersionsAsync(Q1, CancellationToken.None));
    }

    [Fact]
    public async Task Reconcile_sweeps_unprocessed_uploads_and_records_a_run_per_recent_month()
    {
        const string unprocessed = Licence + "/2025-03-sales.xlsx";
        await fixture.Pipeline.UploadAsync(unprocessed, MonthReportWriter.ToBytes(SampleFiles.SampleSales()));
        var months = ReconciliationScheduler.RecentMonths(DateTimeOffset.UtcNow, 3);

        var result = await fixture.Worker.InvokeTimerAsync("Reconcile", Last, Next);

        Assert.True(result.Succeeded, result.ToString());
        // The sweep is the safety net for lost Event Grid events: the upload is processed.
        var submissions = await fixture.Pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        Assert.Contains(submissions, s => s.BlobName == unprocessed);

        var findings = fixture.Pipeline.Get<FindingStore>();
        foreach (var month in months)
        {
            var run = Assert.Single(await findings.ListRunsAsync(month, CancellationToken.None));
            foreach (var source in new[] { "marketOperator", "exchange", "pools" })
                Assert.StartsWith("not-configured", run.Sources[source], StringComparison.Ordinal);
            Assert.Equal((await findings.ListAsync(month, CancellationToken.None)).Count, run.Findings);
        }

        Assert.StartsWith("Reconciliation: 1 uploads swept, 3 months, ",
            Assert.Single(result.Logs, l => l.Category == "Reporting.Functions.Reconcile").Message, StringComparison.Ordinal);
    }

    /// <summary>Azurite with the registry and one processed consumption report for 2025-03, and a worker on it.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private AzuriteServer? _azurite;
        private TestPipeline? _pipeline;
        private FunctionsWorker? _worker;

        public TestPipeline Pipeline => _pipeline!;
        public FunctionsWorker Worker => _worker!;

        public async Task InitializeAsync()
        {
            _azurite = await FunctionsApp.StartAzuriteAsync();
            _pipeline = await TestPipeline.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:NamePrefix"] = "" });
            await _pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
            const string consumption = Licence + "/2025-03-consumption.xlsx";
            await _pipeline.UploadAsync(consumption, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
            var outcome = await _pipeline.Get<UploadProcessor>().ProcessBlobAsync(consumption, CancellationToken.None);
            Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);

            _worker = await FunctionsWorker.StartAsync(FunctionsApp.Directory,
                FunctionsApp.SampleSettings(_azurite.ConnectionString, new Dictionary<string, string?> { ["Reports__FirstQuarter"] = "2025-Q1" }));
            await _worker.LoadAllAsync();
        }

        public async Task DisposeAsync()
        {
            if (_worker is not null) await _worker.DisposeAsync();
            if (_pipeline is not null) await _pipeline.DisposeAsync();
            if (_azurite is not null) await _azurite.DisposeAsync();
        }
    }
}
