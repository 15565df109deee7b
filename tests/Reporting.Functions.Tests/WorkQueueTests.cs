using Reporting.Application.Work;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Reports;
using Reporting.Storage.Work;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>
/// The queue functions, each invoked with a message as the host delivers it (the message text and its dequeue count):
/// each does its unit; a redelivered message changes nothing; a unit failing on its last allowed delivery is recorded as
/// poisoned (the host then parks the message in the poison queue).
/// </summary>
[Collection(TimerCollection.Name)]
public sealed class WorkQueueTests(TimerTests.Fixture fixture)
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Quarter Q1 = new(2025, 1);

    [Fact]
    public async Task RunReportBuild_publishes_the_quarter_and_a_redelivered_message_changes_nothing()
    {
        var message = WorkUnit.Report(Q1, "20260115T030000Z").ToMessage();

        var first = await fixture.Worker.InvokeQueueAsync("RunReportBuild", message, dequeueCount: 1);

        Assert.True(first.Succeeded, first.ToString());
        var version = await fixture.Pipeline.Get<ReportStore>().GetCurrentAsync(Q1, CancellationToken.None);
        Assert.NotNull(version);
        var assessment = await fixture.Pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal(assessment!.FeeKzt, version.FeeKzt);

        var before = await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients, TableName.WorkUnits);
        var again = await fixture.Worker.InvokeQueueAsync("RunReportBuild", message, dequeueCount: 2);

        Assert.True(again.Succeeded, again.ToString());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients, TableName.WorkUnits));
        var unit = Assert.Single(await fixture.Pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Report, CancellationToken.None), u => u.Target == Q1.ToString());
        Assert.Equal((WorkUnitState.Done, 2L, "work.done.report-unchanged"), (unit.State, unit.Attempt, unit.Detail?.Code));
    }

    [Fact]
    public async Task RunReconciliation_records_one_run_of_its_source_however_often_the_message_comes()
    {
        var month = new Month(2025, 3);
        var message = WorkUnit.Reconcile(month, FindingSource.Reports, "20260115T023000Z").ToMessage();

        var first = await fixture.Worker.InvokeQueueAsync("RunReconciliation", message, dequeueCount: 1);
        var second = await fixture.Worker.InvokeQueueAsync("RunReconciliation", message, dequeueCount: 2);

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(second.Succeeded, second.ToString());
        var store = fixture.Pipeline.Get<FindingStore>();
        var run = Assert.Single(await store.ListRunsAsync(month, CancellationToken.None), r => r.Batch == "20260115T023000Z");
        Assert.Equal((FindingSource.Reports, SourceState.Available), (run.Source, run.State));
        Assert.Equal((await store.ListAsync(month, CancellationToken.None)).Count(f => f.Source == FindingSource.Reports), run.Findings);
    }

    [Theory]
    [InlineData(1, WorkUnitState.Failed)]
    [InlineData(5, WorkUnitState.Poisoned)] // host.json queues.maxDequeueCount
    public async Task A_unit_that_fails_fails_its_invocation_and_on_the_last_delivery_is_recorded_as_poisoned(long delivery, WorkUnitState expected)
    {
        var message = new WorkUnit(WorkQueue.Reconcile, "2025-13/pools", "20260115T023000Z").ToMessage(); // no such month

        var result = await fixture.Worker.InvokeQueueAsync("RunReconciliation", message, delivery);

        Assert.False(result.Succeeded);
        Assert.Contains("not a reconciliation target", result.ExceptionMessage, StringComparison.Ordinal);
        var unit = Assert.Single(await fixture.Pipeline.Get<WorkUnitStore>().ListAsync(WorkQueue.Reconcile, CancellationToken.None), u => u.Target == "2025-13/pools");
        Assert.Equal((expected, delivery), (unit.State, unit.Attempt));
    }

    [Fact]
    public async Task A_message_on_the_wrong_queue_or_not_a_unit_fails_without_doing_anything()
    {
        var before = await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients);

        var wrongQueue = await fixture.Worker.InvokeQueueAsync("RunAudit", WorkUnit.Report(Q1, "x").ToMessage(), dequeueCount: 1);
        var garbage = await fixture.Worker.InvokeQueueAsync("RunSweep", "{not json", dequeueCount: 1);

        Assert.False(wrongQueue.Succeeded);
        Assert.False(garbage.Succeeded);
        Assert.Contains("arrived on the audit queue", wrongQueue.ExceptionMessage, StringComparison.Ordinal);
        Assert.Contains("Not a unit of work", garbage.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients));
    }
}
