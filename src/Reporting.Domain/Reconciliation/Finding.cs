using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;

namespace Reporting.Domain.Reconciliation;

/// <summary>Every code reconciliation can raise. Stable: the committee's tools match on them.</summary>
public static class FindingCodes
{
    public const string ReportMissing = "report-missing";
    public const string ReportLate = "report-late";
    public const string ConsumptionMismatch = "consumption-mismatch";
    public const string SaleUnconfirmed = "sale-unconfirmed";
    public const string MinedMismatch = "mined-mismatch";
}

/// <summary>Which report a finding is about.</summary>
public enum FindingKind
{
    Consumption,
    Sales,
}

/// <summary>Where the independent figure of a finding comes from; findings are replaced per source.</summary>
public enum FindingSource
{
    /// <summary>The pipeline's own records (missing and late reports).</summary>
    Reports,
    MarketOperator,
    Exchange,
    Pools,
}

/// <summary>
/// A disagreement between what a miner reported and what the state knows independently, or a report not
/// filed (on time): the code, licence, month, which report, what it concerns (an asset, a trade id), both
/// figures, and a message.
/// </summary>
public sealed record Finding(
    string Code,
    string Licence,
    Month Month,
    FindingKind Kind,
    string? Subject,
    string Message,
    IReadOnlyList<Figure> Figures,
    FindingSource Source)
{
    /// <summary>Identifies the finding within its month: re-running reconciliation finds the same key again.</summary>
    public string Key => $"{Licence.ToUpperInvariant()}|{Code}|{Kind}|{Subject}";
}

/// <summary>
/// How far reported and independent figures may differ before it is a finding: the larger of an absolute
/// and a relative difference (of the larger figure).
/// </summary>
public sealed record Tolerance(decimal Absolute, decimal Relative)
{
    public bool Within(decimal reported, decimal independent) =>
        Math.Abs(reported - independent) <= Math.Max(Absolute, Relative * Math.Max(Math.Abs(reported), Math.Abs(independent)));
}
