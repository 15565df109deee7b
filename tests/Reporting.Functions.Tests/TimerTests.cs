using System.Globalization;
using Reporting.Application.Ingestion;
using Reporting.Application.Work;
using Reporting.Domain.Periods;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.Storage.Work;
using Reporting.TestSupport;
using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>
/// The timers invoked as the host fires them: each only enqueues units of work (one message per unit), the same units
/// when a tick fires twice. Their own storage holds a processed 2025-03 consumption report; Reports__FirstQuarter starts
/// the reports at 2025-Q1. The worker reads the real clock (it is a separate process): what is due is checked against
/// the batch its units carry (the schedule occurrence the tick belongs to), never against this process's clock.
/// </summary>
[Collection(TimerCollection.Name)]
public sealed class TimerTests(TimerTests.Fixture fixture)
{
    private const string Licence = "KZ-DM-0016";

    // Any tick: the timers work from stored state and the clock, not from the schedule status the host sends.
    private static readonly DateTime Last = new(2026, 1, 14, 3, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Next = new(2026, 1, 15, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task BuildQuarterlyReports_enqueues_each_closed_quarter_once_per_tick_and_the_same_units_when_it_fires_twice()
    {
        await fixture.ClearQueuesAsync();

        var first = await fixture.Worker.InvokeTimerAsync("BuildQuarterlyReports", Last, Next);
        var second = await fixture.Worker.InvokeTimerAsync("BuildQuarterlyReports", Last, Next);

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(second.Succeeded, second.ToString());
        var units = await fixture.PeekAsync(WorkQueue.Report);
        var batch = Assert.Single(units.Select(u => u.Batch).Distinct());
        var at = Batch(batch);
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(at.UtcDateTime)); // Schedules__QuarterlyReports: daily at 03:00
        var expected = WorkPlanner.ClosedQuarters(at, new Quarter(2025, 1)).Select(q => q.ToString()).ToArray();
        Assert.Contains("2025-Q1", expected);
        // Two ticks of one occurrence: the same unit ids, twice (the units are idempotent).
        Assert.Equal(expected.SelectMany(q => new[] { q, q }).Order(StringComparer.Ordinal), units.Select(u => u.Target).Order(StringComparer.Ordinal));
        Assert.StartsWith($"Timer report: {expected.Length} units enqueued (batch {batch})",
            Assert.Single(first.Logs, l => l.Category == "Reporting.Functions.Timers").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_enqueues_each_recent_month_against_each_source()
    {
        await fixture.ClearQueuesAsync();

        var result = await fixture.Worker.InvokeTimerAsync("Reconcile", Last, Next);

        Assert.True(result.Succeeded, result.ToString());
        var units = await fixture.PeekAsync(WorkQueue.Reconcile);
        var at = Batch(Assert.Single(units.Select(u => u.Batch).Distinct()));
        Assert.Equal(new TimeOnly(2, 30), TimeOnly.FromDateTime(at.UtcDateTime));
        var months = WorkPlanner.RecentMonths(at, 3);
        string[] sources = ["reports", "market-operator", "exchange", "pools"];
        Assert.Equal(months.SelectMany(m => sources.Select(s => $"{m}/{s}")).Order(StringComparer.Ordinal), units.Select(u => u.Target).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sweep_enqueues_only_folders_changed_since_their_last_sweep_and_its_unit_processes_the_folder()
    {
        await fixture.ClearQueuesAsync();
        const string unprocessed = Licence + "/2025-03-sales.xlsx";
        await fixture.Pipeline.UploadAsync(unprocessed, MonthReportWriter.ToBytes(SampleFiles.SampleSales()));

        var tick = await fixture.Worker.InvokeTimerAsync("Sweep", Last, Next);

        Assert.True(tick.Succeeded, tick.ToString());
        var unit = Assert.Single(await fixture.PeekAsync(WorkQueue.Sweep));
        Assert.Equal(Licence, unit.Target);

        var run = await fixture.Worker.InvokeQueueAsync("RunSweep", unit.ToMessage(), dequeueCount: 1);

        Assert.True(run.Succeeded, run.ToString());
        var submissions = await fixture.Pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        Assert.Contains(submissions, s => s.BlobName == unprocessed);
        Assert.Equal(WorkUnitState.Done, Assert.Single(await fixture.Pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Sweep, CancellationToken.None)).State);

        // The folder is remembered as swept: the next tick has nothing to enqueue.
        await fixture.ClearQueuesAsync();
        Assert.True((await fixture.Worker.InvokeTimerAsync("Sweep", Last, Next)).Succeeded);
        Assert.Empty(await fixture.PeekAsync(WorkQueue.Sweep));
    }

    [Fact]
    public async Task Audit_enqueues_a_unit_per_licence_folder_and_one_for_the_published_reports()
    {
        await fixture.ClearQueuesAsync();

        var result = await fixture.Worker.InvokeTimerAsync("Audit", Last, Next);

        Assert.True(result.Succeeded, result.ToString());
        var partitions = await fixture.Pipeline.Get<SubmissionLedger>().ListPartitionsAsync(CancellationToken.None);
        Assert.Equal(partitions.Append(WorkUnit.ReportsTarget).Order(StringComparer.Ordinal), (await fixture.PeekAsync(WorkQueue.Audit)).Select(u => u.Target).Order(StringComparer.Ordinal));
    }

    private static DateTimeOffset Batch(string batch) =>
        DateTimeOffset.ParseExact(batch, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

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

        public async Task ClearQueuesAsync()
        {
            foreach (var queue in Enum.GetValues<WorkQueue>()) await Pipeline.Clients.Queue(queue).ClearMessagesAsync();
        }

        /// <summary>The units waiting in a queue (up to 32, a peek's maximum).</summary>
        public async Task<IReadOnlyList<WorkUnit>> PeekAsync(WorkQueue queue) =>
            (await Pipeline.Clients.Queue(queue).PeekMessagesAsync(32)).Value.Select(m => WorkUnit.Parse(m.Body.ToString())).ToArray();

        public async Task DisposeAsync()
        {
            if (_worker is not null) await _worker.DisposeAsync();
            if (_pipeline is not null) await _pipeline.DisposeAsync();
            if (_azurite is not null) await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TimerCollection : ICollectionFixture<TimerTests.Fixture>
{
    public const string Name = "Timers";
}
