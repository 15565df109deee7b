using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;

namespace Reporting.Application.Reconciliation;

/// <summary>
/// What the daily reconciliation timer does: one sweep of the uploads (the safety net for lost events),
/// then the recent closed months, each reconciled from stored state (a missed tick is caught up by the next), then the
/// audit of the stored state.
/// </summary>
public sealed partial class ReconciliationScheduler(ReconciliationService service, UploadSweeper sweeper, Audit.StateAuditor auditor, IOptions<ReconciliationOptions> options,
    TimeProvider time, ILogger<ReconciliationScheduler> logger)
{
    /// <summary>The closed months to reconcile at <paramref name="now"/> (Kazakhstan calendar), oldest first.</summary>
    public static IReadOnlyList<Month> RecentMonths(DateTimeOffset now, int monthsBack)
    {
        var current = Month.Of(DateOnly.FromDateTime(KazakhstanTime.ToLocal(now).DateTime));
        var months = new List<Month>();
        for (var month = current; months.Count < monthsBack;)
        {
            month = month.Previous;
            months.Insert(0, month);
        }

        return months;
    }

    public async Task<(SweepResult Sweep, IReadOnlyList<ReconciliationResult> Months)> RunAsync(CancellationToken cancellationToken)
    {
        var sweep = await sweeper.SweepAsync(null, cancellationToken).ConfigureAwait(false);
        var results = new List<ReconciliationResult>();
        var failures = new List<Exception>();
        foreach (var month in RecentMonths(time.GetUtcNow(), options.Value.MonthsBack))
        {
            try
            {
                results.Add(await service.ReconcileAsync(month, sweep: false, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // One month that fails (storage down) must not hold back the others; the run still fails at the end.
                LogFailed(logger, $"the month {month}", e);
                failures.Add(e);
            }
        }

        try
        {
            // The daily audit: drift the storage may have left (lost writes) is found and repaired before the reports are built.
            await auditor.AuditAsync(repair: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "the audit", e);
            failures.Add(e);
        }

        if (failures.Count > 0) throw new AggregateException($"{failures.Count} step(s) could not be completed; the others were.", failures);
        return (sweep, results);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation: {Step} failed; the other steps go on")]
    private static partial void LogFailed(ILogger logger, string step, Exception exception);
}
