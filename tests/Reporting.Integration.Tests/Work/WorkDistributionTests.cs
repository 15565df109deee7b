using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Ingestion;
using Reporting.Application.Work;
using Reporting.Excel.Reports;
using Reporting.Integration.Tests.Cli;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.Storage.Work;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Work;

/// <summary>
/// Work distribution on a real Azurite, run by the local queue host (`reporting serve`'s, with the Functions host's
/// semantics): timers only enqueue; units are idempotent; the sweep skips what did not change; failed units end in the
/// poison queue, where `reporting status` shows them and `reporting retry` sends them again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkDistributionTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";

    [Fact]
    public async Task A_tick_fired_twice_in_one_occurrence_enqueues_the_same_unit_ids()
    {
        // 10 April 2025, 03:00:07 UTC: the 03:00 occurrence of the daily report timer, fired a few seconds late.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 3, 0, 7, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Reports:FirstQuarter"] = "2024-Q3" }, clock,
            Microsoft.Extensions.Logging.LogLevel.Information);
        var scheduler = pipeline.Get<WorkScheduler>();

        var first = await scheduler.TickAsync(WorkQueue.Report, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(40)); // the same occurrence, fired again (a lost singleton lock)
        var second = await scheduler.TickAsync(WorkQueue.Report, CancellationToken.None);

        string[] expected = ["report/2024-Q3@20250410T030000Z", "report/2024-Q4@20250410T030000Z", "report/2025-Q1@20250410T030000Z"];
        Assert.Equal(expected, first.Select(u => u.Id));
        Assert.Equal(expected, second.Select(u => u.Id));
        var waiting = (await pipeline.Clients.Queue(WorkQueue.Report).PeekMessagesAsync(32)).Value.Select(m => WorkUnit.Parse(m.Body.ToString()).Id);
        Assert.Equal(expected.Concat(expected).Order(StringComparer.Ordinal), waiting.Order(StringComparer.Ordinal));
        // Each tick says what it enqueued (the operator's trace of the timers).
        var ticks = pipeline.Logs.GetSnapshot().Where(r => r.Category == typeof(WorkScheduler).FullName).ToArray();
        Assert.Equal(2, ticks.Length);
        Assert.All(ticks, t => Assert.Equal(("report", "20250410T030000Z", "3"), (t.GetStructuredStateValue("Kind"), t.GetStructuredStateValue("Batch"), t.GetStructuredStateValue("Units"))));
    }

    [Fact]
    public async Task A_tick_on_storage_never_used_creates_its_queue_and_enqueues()
    {
        // The first timer of a new deployment may fire before anything else has run: nothing exists under the prefix yet.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 3, 0, 7, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Reports:FirstQuarter"] = "2025-Q1" }, clock,
            createStorage: false);
        Assert.False(await pipeline.Clients.Queue(WorkQueue.Report).ExistsAsync());

        var units = await pipeline.Get<WorkScheduler>().TickAsync(WorkQueue.Report, CancellationToken.None);

        Assert.Equal(["report/2025-Q1@20250410T030000Z"], units.Select(u => u.Id));
        var waiting = (await pipeline.Clients.Queue(WorkQueue.Report).PeekMessagesAsync(32)).Value;
        Assert.Equal("report/2025-Q1@20250410T030000Z", WorkUnit.Parse(Assert.Single(waiting).Body.ToString()).Id);
    }

    [Fact]
    public async Task A_tick_of_the_audit_timer_enqueues_each_licence_folder_then_the_published_reports()
    {
        // 10 April 2025, 02:00:30 UTC: the daily 02:00 audit. Two licences have uploads (ledger folders), a third none.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 2, 0, 30, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: clock);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var folders = new SampleDataset().Profiles.Take(2).Select(p => p.Licence.Number).Order(StringComparer.Ordinal).ToArray();
        foreach (var folder in folders) await pipeline.UploadAsync($"{folder}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        await pipeline.Get<UploadSweeper>().SweepAsync();

        var units = await pipeline.Get<WorkScheduler>().TickAsync(WorkQueue.Audit, CancellationToken.None);

        // The reports' unit last: it checks the published files after the folders' units have repaired what they feed.
        Assert.Equal([$"audit/{folders[0]}@20250410T020000Z", $"audit/{folders[1]}@20250410T020000Z", "audit/~reports@20250410T020000Z"], units.Select(u => u.Id));
        Assert.Equal(3, (await pipeline.Clients.Queue(WorkQueue.Audit).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("0 0 3 * * *", "2025-04-10T03:00:00Z", "2025-04-10T03:00:00Z")]   // fired exactly on time: its own occurrence
    [InlineData("0 0 3 * * *", "2025-04-10T03:00:07Z", "2025-04-10T03:00:00Z")]   // a daily tick, fired late
    [InlineData("0 0 3 * * *", "2025-04-10T02:59:59Z", "2025-04-09T03:00:00Z")]   // before today's: yesterday's
    [InlineData("0 */10 * * * *", "2025-04-10T00:09:59Z", "2025-04-10T00:00:00Z")] // every ten minutes
    [InlineData("0 0 2 1 * *", "2025-04-20T10:00:00Z", "2025-04-01T02:00:00Z")]   // monthly: found within 32 days
    public void A_tick_belongs_to_the_latest_occurrence_at_or_before_it(string schedule, string now, string occurrence)
    {
        var at = WorkScheduler.Occurrence(Reporting.Application.Schedules.ScheduleOptions.Parse(schedule), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(occurrence, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Fact]
    public async Task The_sweep_skips_folders_unchanged_since_their_last_complete_sweep_until_an_upload_or_the_registry_changes()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" });
        var dataset = new SampleDataset();
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var licences = dataset.Profiles.Take(5).Select(p => p.Licence.Number).ToArray();
        foreach (var licence in licences)
            await pipeline.UploadAsync($"{licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        var sweeper = pipeline.Get<UploadSweeper>();

        var first = await sweeper.SweepAsync();
        var plan = await sweeper.PlanAsync(CancellationToken.None);

        Assert.Equal(5, first.Folders);
        Assert.Equal(5, first.Outcomes.Count);
        Assert.Empty(plan.Changed);
        Assert.Equal(0, (await sweeper.SweepAsync()).Folders);

        // A new upload changes its folder only.
        await pipeline.UploadAsync($"{licences[2]}/april.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleSales()));
        Assert.Equal([licences[2]], (await sweeper.PlanAsync(CancellationToken.None)).Changed);
        var second = await sweeper.SweepAsync();
        Assert.Equal((1, $"{licences[2]}/april.xlsx"), (second.Folders, Assert.Single(second.Outcomes).Blob));

        // A new registry changes every folder's assessments: every folder is visited (and re-assessed), nothing processed twice.
        var registry = SampleFiles.SampleRegistry();
        await pipeline.ImportRegistryAsync(registry with { Licences = [.. registry.Licences.Select(l => l with { Company = l.Company + " LLP" })] });
        Assert.Equal(licences.Order(StringComparer.Ordinal), (await sweeper.PlanAsync(CancellationToken.None)).Changed);
        var third = await sweeper.SweepAsync();
        Assert.Equal(5, third.Folders);
        Assert.Empty(third.Outcomes);
    }

    [Fact]
    public async Task The_sweep_reassesses_exactly_the_quarters_behind_their_reports_or_the_registry()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var (dataset, miner) = SampleFiles.SampleMiner();
        var other = dataset.Profiles.First(p => p.Licence.Number != miner.Licence.Number && dataset.Consumption(p, new Domain.Periods.Month(2025, 3)).Rows.Count > 0);
        var march = new Domain.Periods.Month(2025, 3);
        var february = new Domain.Periods.Month(2025, 2);
        await pipeline.UploadAsync($"{miner.Licence.Number}/march.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, march)));
        await pipeline.UploadAsync($"{other.Licence.Number}/march.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(other, march)));
        var sweeper = pipeline.Get<UploadSweeper>();
        var assessments = pipeline.Get<Reporting.Storage.Assessments.AssessmentStore>();
        var quarter = march.Quarter;

        // Two new licence-quarters: both assessed.
        var first = await sweeper.SweepAsync();
        Assert.All(first.Outcomes, o => Assert.Equal(UploadOutcomeStatus.Accepted, o.Status));
        Assert.Equal(2, first.Reassessed);
        // Outcomes come in blob-name order, whatever order the parallel processing finished in.
        Assert.Equal(new[] { $"{miner.Licence.Number}/march.xlsx", $"{other.Licence.Number}/march.xlsx" }.Order(StringComparer.Ordinal), first.Outcomes.Select(o => o.Blob));

        // A second month for one licence: that quarter only, and its assessment now counts both months.
        await pipeline.UploadAsync($"{miner.Licence.Number}/february.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, february)));
        var second = await sweeper.SweepAsync();
        Assert.Equal(1, second.Reassessed);
        var both = await assessments.GetAsync(quarter, miner.Licence.Number, CancellationToken.None);
        Assert.Equal(Reporting.Integration.Tests.Ingestion.Recompute.Kwh([dataset.Consumption(miner, february), dataset.Consumption(miner, march)]), both!.KwhTotal);

        // Nothing changed: nothing re-assessed.
        Assert.Equal(0, (await sweeper.SweepFolderAsync(miner.Licence.Number, CancellationToken.None)).Reassessed);

        // A new registry: every licence-quarter again.
        var registry = SampleFiles.SampleRegistry();
        await pipeline.ImportRegistryAsync(registry with { Licences = [.. registry.Licences.Select(l => l with { Company = l.Company + " LLP" })] });
        Assert.Equal(2, (await sweeper.SweepAsync()).Reassessed);
    }

    [Fact]
    public async Task A_unit_that_keeps_failing_ends_in_the_poison_queue_where_status_shows_it_and_retry_sends_it_again()
    {
        await using var storage = await AzuriteServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(storage.ConnectionString, new Dictionary<string, string?>
        {
            ["Storage:NamePrefix"] = "",
            ["Work:RetryDelay"] = "00:00:00",
            ["Work:MaxDequeueCount"] = "3",
        });
        var bad = new WorkUnit(WorkQueue.Reconcile, "2025-13/pools", "20250410T023000Z");
        await pipeline.Get<WorkScheduler>().EnqueueAsync([bad], CancellationToken.None);
        var host = pipeline.Get<LocalQueueHost>();

        var runs = new List<LocalRun>();
        for (var i = 0; i < 3; i++) runs.AddRange(await host.RunVisibleAsync(CancellationToken.None));

        Assert.Equal([(1L, false), (2L, false), (3L, true)], runs.Select(r => (r.Delivery, r.Poisoned)));
        Assert.Empty(await host.RunVisibleAsync(CancellationToken.None)); // parked: not delivered again
        var unit = Assert.Single(await pipeline.Get<WorkUnitStore>().ListPoisonedAsync(CancellationToken.None));
        Assert.Equal(("2025-13/pools", 3L), (unit.Target, unit.Attempt));

        var (exit, output, _) = await CliRunner.RunAsync("status", "--storage", storage.ConnectionString);
        Assert.Equal(Reporting.Cli.ReportingCommandLine.Findings, exit);
        Assert.Contains("reconcile: 0 waiting, 1 in the poison queue", output, StringComparison.Ordinal);
        Assert.Contains("failed for good 2025-13/pools (batch 20250410T023000Z, attempt 3", output, StringComparison.Ordinal);

        var (retried, retryOutput, _) = await CliRunner.RunAsync("retry", "--queue", "reconcile", "--storage", storage.ConnectionString);
        Assert.Equal(0, retried);
        Assert.Contains("1 unit was sent back to its queue.", retryOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await pipeline.Clients.PoisonQueue(WorkQueue.Reconcile).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var again = Assert.Single(await host.RunVisibleAsync(CancellationToken.None));
        Assert.Equal(bad.ToMessage(), again.Message);
    }

    [Fact]
    public async Task A_sweep_unit_redelivered_changes_nothing()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        var runner = pipeline.Get<WorkRunner>();
        var unit = WorkUnit.Sweep(Licence, "20250410T000000Z");

        var first = await runner.RunAsync(unit, 1, CancellationToken.None);
        var submissions = await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        var second = await runner.RunAsync(unit, 2, CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, Assert.Single(first.Uploads).Status);
        Assert.Empty(second.Uploads);
        Assert.Equal(submissions, await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
        Assert.Equal(WorkUnitState.Done, Assert.Single(await pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Sweep, CancellationToken.None)).State);
    }
}
