using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Work;
using Reporting.Domain.Periods;
using Reporting.Storage;
using Reporting.Storage.Reports;
using Reporting.Storage.Work;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Work;

/// <summary>Units of one tick are independent: one failing does not stop the others, and it is recorded failed (real Azurite, fake clock).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnitFailureTests(AzuriteFixture azurite)
{
    private const string Batch = "20250410T030000Z";

    [Fact]
    public async Task A_report_unit_that_fails_is_recorded_failed_and_the_other_quarters_are_built()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 3, 0, 7, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Work:BatchSize"] = "8" }, clock,
            Microsoft.Extensions.Logging.LogLevel.Information);
        // The middle unit names no quarter (a corrupt message): building it fails; its neighbours are ordinary quarters.
        WorkUnit[] units = [WorkUnit.Report(new Quarter(2024, 4), Batch), new WorkUnit(WorkQueue.Report, "2025-Q5", Batch), WorkUnit.Report(new Quarter(2025, 1), Batch)];
        await pipeline.Get<WorkScheduler>().EnqueueAsync(units, CancellationToken.None);

        var runs = await pipeline.Get<LocalQueueHost>().RunVisibleAsync(CancellationToken.None);

        Assert.Equal(3, runs.Count);
        var failed = Assert.Single(runs, r => r.Error is not null);
        Assert.Equal(("2025-Q5", 1L, false), (failed.Target, failed.Delivery, failed.Poisoned)); // comes back for another attempt
        Assert.Equal(["2024-Q4", "2025-Q1"], runs.Where(r => r.Done is not null).Select(r => r.Target).Order(StringComparer.Ordinal));

        var recorded = (await pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Report, CancellationToken.None)).ToDictionary(s => s.Target, s => s.State);
        Assert.Equal(WorkUnitState.Failed, recorded["2025-Q5"]);
        Assert.Equal(WorkUnitState.Done, recorded["2024-Q4"]);
        Assert.Equal(WorkUnitState.Done, recorded["2025-Q1"]);
        var reports = pipeline.Get<ReportStore>();
        Assert.NotNull(await reports.GetCurrentAsync(new Quarter(2024, 4), CancellationToken.None));
        Assert.NotNull(await reports.GetCurrentAsync(new Quarter(2025, 1), CancellationToken.None));
        Assert.Equal(1, (await pipeline.Clients.Queue(WorkQueue.Report).GetPropertiesAsync()).Value.ApproximateMessagesCount); // only the failed one waits

        // The operator's log: the failure as an error with its exception (the stack is how a bug is found), each success once.
        var logged = pipeline.Logs.GetSnapshot().Where(r => r.Category == typeof(WorkRunner).FullName).ToArray();
        var error = Assert.Single(logged, r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Equal(($"report/2025-Q5@{Batch}", "1", "False"), (error.GetStructuredStateValue("Unit"), error.GetStructuredStateValue("Delivery"), error.GetStructuredStateValue("Last")));
        Assert.IsType<FormatException>(error.Exception);
        Assert.Equal([$"report/2024-Q4@{Batch}", $"report/2025-Q1@{Batch}"],
            logged.Where(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Information).Select(r => r.GetStructuredStateValue("Unit")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(4, WorkUnitState.Failed)]   // MaxDequeueCount is 5: the fourth delivery comes back
    [InlineData(5, WorkUnitState.Poisoned)] // the fifth is the last allowed: it ends in the poison queue
    public async Task A_failure_on_the_last_allowed_delivery_is_recorded_poisoned(long delivery, WorkUnitState expected)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 3, 0, 7, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Work:MaxDequeueCount"] = "5" }, clock);
        var bad = new WorkUnit(WorkQueue.Report, "2025-Q5", Batch);

        await Assert.ThrowsAsync<FormatException>(() => pipeline.Get<WorkRunner>().RunAsync(bad, delivery, CancellationToken.None));

        var recorded = Assert.Single(await pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Report, CancellationToken.None));
        Assert.Equal((expected, delivery, clock.GetUtcNow()), (recorded.State, recorded.Attempt, recorded.FinishedAt));
        Assert.Equal("work.failed", recorded.Detail?.Code);
    }

    [Fact]
    public async Task A_unit_that_arrives_on_another_queue_is_refused_and_nothing_runs()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var message = WorkUnit.Report(new Quarter(2025, 1), Batch).ToMessage();

        await Assert.ThrowsAsync<FormatException>(() => pipeline.Get<WorkRunner>().RunAsync(WorkQueue.Audit, message, 1, CancellationToken.None));

        Assert.Empty(await pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Report, CancellationToken.None));
        Assert.Null(await pipeline.Get<ReportStore>().GetCurrentAsync(new Quarter(2025, 1), CancellationToken.None));
    }

    [Theory]
    [InlineData("2025-04-10T03:00:00Z", 3, "2025-01,2025-02,2025-03")]
    [InlineData("2025-03-31T18:59:59Z", 2, "2025-01,2025-02")] // still 31 March in Kazakhstan (UTC+5)
    [InlineData("2025-03-31T19:00:00Z", 2, "2025-02,2025-03")] // 1 April there: March has closed
    public void Reconciliation_covers_the_closed_months_before_the_current_one_in_Kazakhstan(string now, int monthsBack, string months) =>
        Assert.Equal(months.Split(','),
            WorkPlanner.RecentMonths(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), monthsBack).Select(m => m.ToString()));
}
