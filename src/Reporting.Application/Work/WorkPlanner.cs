using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Storage.Ledger;

namespace Reporting.Application.Work;

/// <summary>
/// What each timer decides is due, from stored state and the clock, as units of work; nothing here does the work. The
/// same state and clock give the same units, so a tick that fires twice enqueues the same ids.
/// </summary>
public sealed class WorkPlanner(UploadSweeper sweeper, SubmissionLedger ledger, IOptions<ReconciliationOptions> reconciliation, IOptions<ReportsOptions> reports)
{
    /// <summary>One unit per top-level upload folder that changed since its last complete sweep.</summary>
    public async Task<IReadOnlyList<WorkUnit>> SweepAsync(string batch, CancellationToken cancellationToken) =>
        (await sweeper.PlanAsync(cancellationToken).ConfigureAwait(false)).Changed.Select(folder => WorkUnit.Sweep(folder, batch)).ToArray();

    /// <summary>Each recent closed month against each source (late reports and corrections keep arriving).</summary>
    public IReadOnlyList<WorkUnit> Reconciliation(DateTimeOffset now, string batch) =>
        RecentMonths(now, reconciliation.Value.MonthsBack)
            .SelectMany(month => ReconciliationService.Sources.Select(source => WorkUnit.Reconcile(month, source, batch))).ToArray();

    /// <summary>Each closed quarter from the first configured one: its report is built if missing or its inputs changed.</summary>
    public IReadOnlyList<WorkUnit> Reports(DateTimeOffset now, string batch) =>
        ClosedQuarters(now, reports.Value.First()).Select(q => WorkUnit.Report(q, batch)).ToArray();

    /// <summary>Each licence folder's stored state, and the published report files.</summary>
    public async Task<IReadOnlyList<WorkUnit>> AuditAsync(string batch, CancellationToken cancellationToken) =>
        (await ledger.ListPartitionsAsync(cancellationToken).ConfigureAwait(false)).Select(p => WorkUnit.Audit(p, batch))
            .Append(WorkUnit.Audit(WorkUnit.ReportsTarget, batch)).ToArray();

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

    /// <summary>Quarters that have ended in Kazakhstan by <paramref name="now"/>, from <paramref name="first"/> on.</summary>
    public static IReadOnlyList<Quarter> ClosedQuarters(DateTimeOffset now, Quarter first)
    {
        var current = Quarter.Of(DateOnly.FromDateTime(KazakhstanTime.ToLocal(now).DateTime));
        var quarters = new List<Quarter>();
        for (var q = first; q < current; q = q.Next) quarters.Add(q);
        return quarters;
    }
}
