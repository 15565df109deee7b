using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Reporting.Application.Work;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Functions;

/// <summary>
/// The timers only decide what is due and enqueue it (one message per unit of work); the queue functions do the work.
/// Never on start-up (it would fire on every scale-out); a tick fired twice enqueues the same unit ids, and a missed tick
/// is caught up by the next, since what is due is computed from stored state and the clock.
/// </summary>
public sealed partial class Timers(WorkScheduler scheduler, ILogger<Timers> logger)
{
    /// <summary>The safety net for lost Event Grid events: a unit per upload folder that changed since its last sweep.</summary>
    [Function("Sweep")]
    public Task SweepAsync([TimerTrigger("%Schedules:Sweep%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        TickAsync(WorkQueue.Sweep, cancellationToken);

    /// <summary>Each recent closed month against each source.</summary>
    [Function("Reconcile")]
    public Task ReconcileAsync([TimerTrigger("%Schedules:Reconciliation%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        TickAsync(WorkQueue.Reconcile, cancellationToken);

    /// <summary>Each closed quarter's consolidated report (a new version only when its inputs changed).</summary>
    [Function("BuildQuarterlyReports")]
    public Task BuildQuarterlyReportsAsync([TimerTrigger("%Schedules:QuarterlyReports%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        TickAsync(WorkQueue.Report, cancellationToken);

    /// <summary>The audit of the stored state: a unit per licence folder and one for the published reports.</summary>
    [Function("Audit")]
    public Task AuditAsync([TimerTrigger("%Schedules:Audit%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken) =>
        TickAsync(WorkQueue.Audit, cancellationToken);

    private async Task TickAsync(WorkQueue kind, CancellationToken cancellationToken)
    {
        var units = await scheduler.TickAsync(kind, cancellationToken);
        LogEnqueued(logger, kind.Code(), units.Count, units.Count > 0 ? units[0].Batch : "-");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Kind}: {Units} units enqueued (batch {Batch})")]
    private static partial void LogEnqueued(ILogger logger, string kind, int units, string batch);
}
