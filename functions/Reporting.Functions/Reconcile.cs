using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Reporting.Application.Reconciliation;

namespace Reporting.Functions;

/// <summary>
/// Daily: sweep the uploads (the safety net for lost Event Grid events), then reconcile the recent closed
/// months against the market operator, the AIFC exchanges and the pools. Never on start-up.
/// </summary>
public sealed partial class Reconcile(ReconciliationScheduler scheduler, ILogger<Reconcile> logger)
{
    [Function(nameof(Reconcile))]
    public async Task RunAsync([TimerTrigger("%Schedules:Reconciliation%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var (sweep, months) = await scheduler.RunAsync(cancellationToken);
        LogDone(logger, sweep.Outcomes.Count, months.Count, months.Sum(m => m.Findings.Count), months.Count(m => !m.Complete));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation: {Uploads} uploads swept, {Months} months, {Findings} findings, {Incomplete} months with an unavailable source")]
    private static partial void LogDone(ILogger logger, int uploads, int months, int findings, int incomplete);
}
