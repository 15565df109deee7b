using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Domain.Periods;

namespace Reporting.Application.Reports;

/// <summary>
/// What the daily timer does: for every closed quarter from the configured first one, build its report
/// if it has none or its inputs changed (a late report, a correction, new rules). Works from stored state
/// and the clock, so a missed tick, or two ticks at once, leaves the same result.
/// </summary>
public sealed partial class QuarterlyReportScheduler(QuarterlyReportService service, IOptions<ReportsOptions> options, TimeProvider time, ILogger<QuarterlyReportScheduler> logger)
{
    /// <summary>Quarters that have ended in Kazakhstan by <paramref name="now"/>, from <paramref name="first"/> on.</summary>
    public static IReadOnlyList<Quarter> ClosedQuarters(DateTimeOffset now, Quarter first)
    {
        var current = Quarter.Of(DateOnly.FromDateTime(KazakhstanTime.ToLocal(now).DateTime));
        var quarters = new List<Quarter>();
        for (var q = first; q < current; q = q.Next) quarters.Add(q);
        return quarters;
    }

    public async Task<IReadOnlyList<QuarterlyReportResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<QuarterlyReportResult>();
        var failures = new List<Exception>();
        foreach (var quarter in ClosedQuarters(time.GetUtcNow(), options.Value.First()))
        {
            try
            {
                results.Add(await service.BuildAsync(quarter, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One quarter that cannot be built must not hold back the others; the run still fails at the end.
                LogFailed(logger, quarter.ToString(), e);
                failures.Add(e);
            }
        }

        LogRun(logger, results.Count, results.Count(r => r.Created));
        if (failures.Count > 0) throw new AggregateException($"{failures.Count} quarter(s) could not be built; the others were.", failures);
        return results;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Quarterly report {Quarter} could not be built; the other quarters go on")]
    private static partial void LogFailed(ILogger logger, string quarter, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Quarterly reports: {Quarters} closed quarters checked, {Created} new versions")]
    private static partial void LogRun(ILogger logger, int quarters, int created);
}
