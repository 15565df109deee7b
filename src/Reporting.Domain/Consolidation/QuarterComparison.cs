using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;

namespace Reporting.Domain.Consolidation;

/// <summary>
/// The figures of another quarter that a report is compared with: its fee due and kWh, and how many licences'
/// fees are left out of that total because their rate is unverified (the total is then a lower bound).
/// </summary>
public sealed record QuarterTotals(Quarter Quarter, decimal FeeKzt, decimal KwhTotal, int FeeRateUnverified)
{
    /// <summary>The totals of a built report.</summary>
    public static QuarterTotals Of(QuarterlyReport report) =>
        new(report.Quarter, report.Totals.FeeKzt, report.Totals.KwhTotal, report.Totals.RateUnverified);

    /// <summary>
    /// The totals the quarter's report shows, from its stored assessments (the report's totals are their sums: a licence
    /// without an assessment adds nothing). Null when the quarter has no assessment at all: no data is not zero.
    /// </summary>
    public static QuarterTotals? Of(Quarter quarter, IReadOnlyCollection<AssessmentSummary> assessments) => assessments.Count == 0
        ? null
        : new(quarter, assessments.Sum(a => a.FeeKzt ?? 0), assessments.Sum(a => a.KwhTotal), assessments.Count(a => a.FeeStatus == FeeStatus.RateUnverified));
}

/// <summary>
/// The quarters a report is compared with: the previous quarter and the same quarter a year earlier, each absent
/// when there are no figures for it. Part of the report's content (and fingerprint) once it is shown.
/// </summary>
public sealed record QuarterComparison(QuarterTotals? PreviousQuarter, QuarterTotals? SameQuarterLastYear)
{
    public static QuarterComparison None { get; } = new(null, null);

    public bool IsEmpty => PreviousQuarter is null && SameQuarterLastYear is null;

    /// <summary>The same quarter of the year before (2025-Q1 for 2026-Q1).</summary>
    public static Quarter YearBefore(Quarter quarter) => new(quarter.Year - 1, quarter.Number);

    /// <summary>Throws when the figures are of other quarters than those of <paramref name="quarter"/>: a caller's bug, never data.</summary>
    internal void CheckFor(Quarter quarter)
    {
        if (PreviousQuarter is { } previous && previous.Quarter != quarter.Previous)
            throw new ArgumentException($"The previous quarter of {quarter} is {quarter.Previous}, not {previous.Quarter}.", nameof(quarter));
        if (SameQuarterLastYear is { } yearAgo && yearAgo.Quarter != YearBefore(quarter))
            throw new ArgumentException($"The same quarter last year of {quarter} is {YearBefore(quarter)}, not {yearAgo.Quarter}.", nameof(quarter));
    }
}
