using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Assessment;

/// <summary>Every code an assessment can raise, with the values its wording names. Stable: the committee's tools match on them.</summary>
public static class ViolationCodes
{
    public static readonly MessageCode QuotaExceeded = new("quota-exceeded", "month", "grid_kwh", "quota_kwh", "excess_kwh");
    public static readonly MessageCode NoQuota = new("no-quota", "month", "grid_kwh");
    public static readonly MessageCode SaleShareBelowMinimum = new("sale-share-below-minimum", "asset", "quarter", "sold", "mined", "share", "required", "shortfall");
    public static readonly MessageCode SaleExchangeNotAifc = new("sale-exchange-not-aifc", "quantity", "month", "exchange");
    public static readonly MessageCode LicenceUnknown = new("licence-unknown", "licence", "kind", "month");
    public static readonly MessageCode LicenceInactive = new("licence-inactive", "licence", "month", "valid_from", "valid_to", "status", "kind");
    public static readonly MessageVariant LicenceInactiveSince = LicenceInactive.Variant("since", "licence", "month", "valid_from", "valid_to", "status", "since", "kind");
    public static readonly MessageCode BinMismatch = new("bin-mismatch", "kind", "month", "bin", "licence", "licence_bin");
    public static readonly MessageCode ConsumptionImplausible = new("consumption-implausible", "kwh", "month", "capacity_kwh", "hours");
}

/// <summary>A named number behind a violation, with its unit ("kWh", "BTC", "share").</summary>
public sealed record Figure(string Name, decimal Value, string Unit);

/// <summary>
/// A breach (error) or a point to look at (warning) found by an assessment: what it is (a message: code and
/// values, worded by the catalogue in the reader's language), the licence, the period (a month "2025-03" or a
/// quarter "2025-Q1"), what it concerns (an asset, an exchange, a BIN), the figures, the rule entry it rests on,
/// and the upload it came from when there is one.
/// </summary>
public sealed record Violation(
    Message Message,
    Severity Severity,
    string Licence,
    string Period,
    string? Subject,
    IReadOnlyList<Figure> Figures,
    string RuleReference,
    string? Source)
{
    public string Code => Message.Code;

    public decimal? FigureValue(string name) => Figures.FirstOrDefault(f => f.Name == name)?.Value;
}
