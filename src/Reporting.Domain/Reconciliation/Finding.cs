using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;

namespace Reporting.Domain.Reconciliation;

/// <summary>Every code reconciliation can raise, with the values its wording names. Stable: the committee's tools match on them.</summary>
public static class FindingCodes
{
    public static readonly MessageCode ReportMissing = new("report-missing", "kind", "licence", "month", "due");
    public static readonly MessageCode ReportLate = new("report-late", "kind", "licence", "month", "received", "days");
    public static readonly MessageCode ConsumptionMismatch = new("consumption-mismatch", "licence", "reported", "month", "purchased", "difference");
    public static readonly MessageCode SaleUnconfirmed = new("sale-unconfirmed", "licence", "quantity", "asset", "exchange", "date", "trade_id");
    public static readonly MessageVariant SaleUnconfirmedDiffers = SaleUnconfirmed.Variant("differs", "licence", "quantity", "asset", "exchange", "date", "trade_id", "confirmed", "confirmed_asset");
    public static readonly MessageCode MinedMismatch = new("mined-mismatch", "licence", "reported", "asset", "month", "distributed", "difference");
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
/// filed (on time): what it is (a message: code and values), licence, month, which report, what it concerns
/// (an asset, a trade id), both figures, and where the independent figure comes from.
/// </summary>
public sealed record Finding(
    Message Message,
    string Licence,
    Month Month,
    FindingKind Kind,
    string? Subject,
    IReadOnlyList<Figure> Figures,
    FindingSource Source)
{
    public string Code => Message.Code;

    /// <summary>Identifies the finding within its month: re-running reconciliation finds the same key again.</summary>
    public string Key => $"{Licence.ToUpperInvariant()}|{Code}|{Kind.Code()}|{Subject}";
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
