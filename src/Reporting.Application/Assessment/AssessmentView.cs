using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;

namespace Reporting.Application.Assessment;

/// <summary>A violation as JSON and tables show it; figures keyed by name.</summary>
public sealed record ViolationView(
    string Code, string Severity, string Licence, string Period, string? Subject, string Message,
    IReadOnlyDictionary<string, decimal> Figures, string RuleReference, string? Source)
{
    public static ViolationView From(Violation v) => new(
        v.Code, v.Severity == Domain.Validation.Severity.Error ? "error" : "warning", v.Licence, v.Period, v.Subject, v.Message,
        v.Figures.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal), v.RuleReference, v.Source);

    public Violation ToDomain() => new(Code, Severity == "error" ? Domain.Validation.Severity.Error : Domain.Validation.Severity.Warning,
        Licence, Period, Subject, Message, Figures.Select(f => new Figure(f.Key, f.Value, "")).ToArray(), RuleReference, Source);
}

public sealed record FeeLineView(string Ground, decimal? RateKztPerKwh, decimal Kwh, decimal? AmountKzt);

public sealed record MonthQuotaView(string Month, bool QuotaApplies, decimal GridKwh, decimal? QuotaKwh, decimal ExcessKwh);

public sealed record AssetSaleView(string Asset, decimal Mined, decimal SoldAifc, decimal SoldElsewhere, decimal? Share, bool Compliant);

/// <summary>
/// One licence's quarter as the command line prints it (--json) and as it is stored: every figure,
/// the rules version, and the violations.
/// </summary>
/// <summary>A rule in force for the quarter that is not confirmed (likely or unverified), with its source note.</summary>
public sealed record RuleNoteView(string Reference, string Status, string Source);

public sealed record AssessmentView(
    string Licence,
    string Quarter,
    string RuleVersion,
    IReadOnlyDictionary<string, decimal> KwhBySource,
    decimal KwhTotal,
    decimal? AveragePriceKzt,
    string FeeStatus,
    decimal? FeeKzt,
    string FeeBasis,
    IReadOnlyList<FeeLineView> FeeLines,
    string? DeclarationDue,
    string? PaymentDue,
    IReadOnlyList<string> FeeRuleReferences,
    string QuotaStatus,
    decimal? QuotaKwh,
    IReadOnlyList<MonthQuotaView> QuotaMonths,
    decimal? RequiredSaleShare,
    string SaleStatus,
    decimal? LowestSaleShare,
    IReadOnlyList<AssetSaleView> Sales,
    IReadOnlyList<string> ConsumptionMonths,
    IReadOnlyList<string> SalesMonths,
    IReadOnlyList<ViolationView> Violations,
    IReadOnlyList<RuleNoteView> NotConfirmedRules)
{
    public static AssessmentView From(QuarterAssessment a, Domain.Rules.RuleSet rules) => new(
        a.Licence,
        a.Quarter.ToString(),
        a.RuleVersion,
        EnergySources.All.ToDictionary(s => s.Code(), s => a.KwhBySource[s], StringComparer.Ordinal),
        a.KwhTotal,
        a.Fee.AveragePriceKzt is { } price ? Math.Round(price, 4, MidpointRounding.AwayFromZero) : null,
        a.Fee.Status == Domain.Assessment.FeeStatus.Assessed ? "assessed" : "rate-unverified",
        a.Fee.AmountKzt,
        a.Fee.Basis,
        a.Fee.Lines.Select(l => new FeeLineView(l.Ground, l.RateKztPerKwh, l.Kwh, l.AmountKzt)).ToArray(),
        a.Fee.DeclarationDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        a.Fee.PaymentDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        a.Fee.RuleReferences,
        Kebab(a.Quota.Status.ToString()),
        a.Quota.QuotaKwh,
        a.Quota.Months.Select(m => new MonthQuotaView(m.Month.ToString(), m.Applies, m.GridKwh, m.QuotaKwh, m.ExcessKwh)).ToArray(),
        a.Sale.RequiredShare,
        Kebab(a.Sale.Status.ToString()),
        a.Sale.LowestShare is { } lowest ? Math.Round(lowest, 6, MidpointRounding.AwayFromZero) : null,
        a.Sale.Assets.Select(s => new AssetSaleView(s.Asset, s.Mined, s.SoldAifc, s.SoldElsewhere, s.Share is { } share ? Math.Round(share, 6, MidpointRounding.AwayFromZero) : null, s.Compliant)).ToArray(),
        a.ConsumptionMonths.Select(m => m.ToString()).ToArray(),
        a.SalesMonths.Select(m => m.ToString()).ToArray(),
        a.Violations.Select(ViolationView.From).ToArray(),
        rules.NotConfirmedIn(a.Quarter).Select(n => new RuleNoteView(n.Reference, n.StatusCode, n.Source)).ToArray());

    public int ErrorCount => Violations.Count(v => v.Severity == "error");

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
