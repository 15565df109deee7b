using Reporting.Application.Work;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;
using Reporting.Storage;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Work;

namespace Reporting.Application.Reports;

/// <summary>
/// What a quarter's report says about the work behind it: each month's reconciliation coverage (the latest run of each
/// source) and the units of work that failed for good and bear on the quarter — its months' reconciliations, its own
/// report build, and every sweep and audit unit (an upload not processed, or drift not repaired, can be in any quarter).
/// </summary>
public sealed class ProcessingStateReader(FindingStore findings, WorkUnitStore units)
{
    public async Task<ProcessingState> ReadAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var runs = await Task.WhenAll(quarter.Months.Select(m => findings.LatestRunsAsync(m, cancellationToken))).ConfigureAwait(false);
        var coverage = runs.SelectMany(r => r.Values).OrderBy(r => r.Month).ThenBy(r => r.Source)
            .Select(r => new SourceCoverage(r.Month, r.Source, r.State, r.Detail)).ToArray();
        var poisoned = await units.ListPoisonedAsync(cancellationToken).ConfigureAwait(false);
        var failed = poisoned.Where(u => BearsOn(u, quarter))
            .Select(u => new FailedWork(WorkTexts.UnitName.With(("kind", Terms.Term(u.Queue)), ("target", u.Target)), u.Detail)).ToArray();
        return new ProcessingState(coverage, failed);
    }

    private static bool BearsOn(WorkUnitStatus unit, Quarter quarter) => unit.Queue switch
    {
        WorkQueue.Reconcile => unit.Target.Length >= 7 && Month.TryParse(unit.Target[..7], out var month) && month.Quarter == quarter,
        WorkQueue.Report => unit.Target == quarter.ToString(),
        _ => true,
    };
}
