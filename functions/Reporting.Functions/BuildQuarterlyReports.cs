using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Reporting.Application.Reports;

namespace Reporting.Functions;

/// <summary>
/// Daily: build every closed quarter's consolidated report that is missing or whose inputs changed.
/// Never on start-up (it would fire on every scale-out); a missed tick is caught up by the next, since
/// the work is computed from stored state.
/// </summary>
public sealed partial class BuildQuarterlyReports(QuarterlyReportScheduler scheduler, ILogger<BuildQuarterlyReports> logger)
{
    [Function(nameof(BuildQuarterlyReports))]
    public async Task RunAsync([TimerTrigger("%Schedules:QuarterlyReports%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var results = await scheduler.RunAsync(cancellationToken);
        LogDone(logger, results.Count, results.Count(r => r.Created), timer.ScheduleStatus?.Next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarterly reports: {Quarters} quarters checked, {Created} new versions; next run {Next}")]
    private static partial void LogDone(ILogger logger, int quarters, int created, DateTime? next);
}
