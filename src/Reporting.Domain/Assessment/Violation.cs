using Reporting.Domain.Validation;

namespace Reporting.Domain.Assessment;

/// <summary>Every code an assessment can raise. Stable: the committee's tools match on them.</summary>
public static class ViolationCodes
{
    public const string QuotaExceeded = "quota-exceeded";
    public const string NoQuota = "no-quota";
    public const string SaleShareBelowMinimum = "sale-share-below-minimum";
    public const string SaleExchangeNotAifc = "sale-exchange-not-aifc";
    public const string LicenceUnknown = "licence-unknown";
    public const string LicenceInactive = "licence-inactive";
    public const string BinMismatch = "bin-mismatch";
    public const string ConsumptionImplausible = "consumption-implausible";
}

/// <summary>A named number behind a violation, with its unit ("kWh", "BTC", "share").</summary>
public sealed record Figure(string Name, decimal Value, string Unit);

/// <summary>
/// A breach (error) or a point to look at (warning) found by an assessment: the code, the licence, the
/// period (a month "2025-03" or a quarter "2025-Q1"), what it concerns (an asset, an exchange, a BIN),
/// the figures, the rule entry it rests on, and the upload it came from when there is one.
/// </summary>
public sealed record Violation(
    string Code,
    Severity Severity,
    string Licence,
    string Period,
    string? Subject,
    string Message,
    IReadOnlyList<Figure> Figures,
    string RuleReference,
    string? Source)
{
    public decimal? FigureValue(string name) => Figures.FirstOrDefault(f => f.Name == name)?.Value;
}
