using Microsoft.Azure.Functions.Worker;
using Reporting.Application.Work;
using Reporting.Storage;

namespace Reporting.Functions;

/// <summary>
/// One bounded, idempotent unit of work per message. A unit that fails throws: the host makes the message visible again
/// after host.json's visibilityTimeout and, after maxDequeueCount deliveries, moves it to the queue's poison queue
/// (`reporting status` shows it, `reporting retry` sends it again). The runner logs each unit's outcome.
/// </summary>
public sealed class WorkFunctions(WorkRunner runner)
{
    [Function("RunSweep")]
    public Task RunSweepAsync([QueueTrigger(WorkQueueNames.Sweep, Connection = "AzureWebJobsStorage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkQueue.Sweep, message, dequeueCount, cancellationToken);

    [Function("RunReconciliation")]
    public Task RunReconciliationAsync([QueueTrigger(WorkQueueNames.Reconcile, Connection = "AzureWebJobsStorage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkQueue.Reconcile, message, dequeueCount, cancellationToken);

    [Function("RunReportBuild")]
    public Task RunReportBuildAsync([QueueTrigger(WorkQueueNames.Report, Connection = "AzureWebJobsStorage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkQueue.Report, message, dequeueCount, cancellationToken);

    [Function("RunAudit")]
    public Task RunAuditAsync([QueueTrigger(WorkQueueNames.Audit, Connection = "AzureWebJobsStorage")] string message, long dequeueCount, CancellationToken cancellationToken) =>
        runner.RunAsync(WorkQueue.Audit, message, dequeueCount, cancellationToken);
}
