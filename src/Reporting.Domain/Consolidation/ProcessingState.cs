using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Text;

namespace Reporting.Domain.Consolidation;

/// <summary>How far one source's reconciliation of a month got in its latest run (and why not further).</summary>
public sealed record SourceCoverage(Month Month, FindingSource Source, SourceState State, Message? Detail);

/// <summary>A unit of work that failed on its last allowed attempt: its name and why (a person must look).</summary>
public sealed record FailedWork(Message Unit, Message? Reason);

/// <summary>
/// How complete the work behind a report is: each month's reconciliation coverage per source, and the units of work
/// that failed for good (their messages wait in a poison queue). The committee reads it on the About sheet, so a
/// partial month or a stuck unit is never hidden behind complete-looking figures.
/// </summary>
public sealed record ProcessingState(IReadOnlyList<SourceCoverage> Coverage, IReadOnlyList<FailedWork> Failed)
{
    public static ProcessingState None { get; } = new([], []);

    public bool IsEmpty => Coverage.Count == 0 && Failed.Count == 0;
}
