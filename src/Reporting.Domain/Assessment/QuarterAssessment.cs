using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Assessment;

public enum FeeStatus
{
    /// <summary>Every kWh has a known rate; the fee is computed.</summary>
    Assessed,

    /// <summary>Some kWh fall under a rate the rules do not know; no fee is given rather than a guess.</summary>
    RateUnverified,
}

/// <summary>kWh charged at one rate on one ground (its wording: "grid, average price from 24", "unmetered").</summary>
public sealed record FeeLine(Text.Message Ground, decimal? RateKztPerKwh, decimal Kwh, decimal? AmountKzt);

/// <summary>
/// The quarter's fee. <c>AveragePriceKzt</c> is the exact average price of bought electricity (null
/// without grid or import kWh); <c>AmountKzt</c> is null when a needed rate is unverified.
/// </summary>
public sealed record FeeAssessment(
    FeeStatus Status,
    decimal? AmountKzt,
    decimal? AveragePriceKzt,
    IReadOnlyList<FeeLine> Lines,
    DateOnly? DeclarationDue,
    DateOnly? PaymentDue,
    IReadOnlyList<string> RuleReferences)
{
    /// <summary>How the fee was worked out, in words: the average price, each line, and a note when a rate is unverified.</summary>
    public IReadOnlyList<Text.Message> Basis => FeeTexts.Basis(Lines, AveragePriceKzt, Status);
}

public enum QuotaStatus
{
    NotApplicable,
    Compliant,
    Violated,
}

/// <summary>A month's grid kWh against its quota. <c>Applies</c> is false before the quota regime.</summary>
public sealed record MonthQuota(Month Month, bool Applies, decimal GridKwh, decimal? QuotaKwh)
{
    public decimal ExcessKwh => QuotaKwh is { } quota && GridKwh > quota ? GridKwh - quota : 0;
}

public sealed record QuotaAssessment(QuotaStatus Status, IReadOnlyList<MonthQuota> Months)
{
    /// <summary>The quota kWh of the months under the regime that have one; null when none has.</summary>
    public decimal? QuotaKwh => Months.Any(m => m.Applies && m.QuotaKwh is not null) ? Months.Where(m => m.Applies).Sum(m => m.QuotaKwh ?? 0) : null;
}

public enum SaleStatus
{
    NotApplicable,
    NothingMined,
    Compliant,
    BelowMinimum,
}

/// <summary>One asset's quarter: units mined, sold on AIFC exchanges and elsewhere, and the share.</summary>
public sealed record AssetSale(string Asset, decimal Mined, decimal SoldAifc, decimal SoldElsewhere, decimal? Share, bool Compliant);

public sealed record SaleAssessment(SaleStatus Status, decimal? RequiredShare, IReadOnlyList<AssetSale> Assets)
{
    /// <summary>The lowest share across assets that were mined; null when nothing was mined.</summary>
    public decimal? LowestShare => Assets.Where(a => a.Share is not null).Select(a => a.Share).Min();
}

/// <summary>
/// What one licence owes and whether it complied in one quarter, from the month reports received, with
/// the rules version that produced every number.
/// </summary>
public sealed record QuarterAssessment(
    string Licence,
    Quarter Quarter,
    string RuleVersion,
    IReadOnlyDictionary<EnergySource, decimal> KwhBySource,
    FeeAssessment Fee,
    QuotaAssessment Quota,
    SaleAssessment Sale,
    IReadOnlyList<Month> ConsumptionMonths,
    IReadOnlyList<Month> SalesMonths,
    IReadOnlyList<Violation> Violations)
{
    public decimal KwhTotal => KwhBySource.Values.Sum();
    public int ErrorCount => Violations.Count(v => v.Severity == Validation.Severity.Error);
    public int WarningCount => Violations.Count(v => v.Severity == Validation.Severity.Warning);
}
