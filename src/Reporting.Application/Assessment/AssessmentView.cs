using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;

namespace Reporting.Application.Assessment;

/// <summary>A violation as JSON and pages show it: stable code and figures, the message in the reader's language.</summary>
public sealed record ViolationView(
    string Code, string Severity, string Licence, string Period, string? Subject, string Message, string Title,
    IReadOnlyDictionary<string, decimal> Figures, string RuleReference, string? Source)
{
    public static ViolationView From(Violation v, Words words) => new(
        v.Code, v.Severity.Code(), v.Licence, v.Period, v.Subject, words.Render(v.Message), words.Title(v.Code),
        v.Figures.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal), v.RuleReference, v.Source);
}

/// <summary>kWh charged at one rate: the ground in the reader's words, the rate, the kWh and the amount.</summary>
public sealed record FeeLineView(string Ground, decimal? RateKztPerKwh, decimal Kwh, decimal? AmountKzt);

public sealed record MonthQuotaView(string Month, bool QuotaApplies, decimal GridKwh, decimal? QuotaKwh, decimal ExcessKwh);

public sealed record AssetSaleView(string Asset, decimal Mined, decimal SoldAifc, decimal SoldElsewhere, decimal? Share, bool Compliant);

/// <summary>A rule in force for the quarter that is not confirmed (likely or unverified), with its source note.</summary>
public sealed record RuleNoteView(string Reference, string Status, string Source);

/// <summary>
/// One licence's quarter as the command line prints it (--json) and the portal shows it: every figure, the rules
/// version, and the violations; codes and numbers language-free, sentences in the reader's language.
/// </summary>
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
    public static AssessmentView From(QuarterAssessment a, Domain.Rules.RuleSet rules, Words words) => new(
        a.Licence,
        a.Quarter.ToString(),
        a.RuleVersion,
        EnergySources.All.ToDictionary(s => s.Code(), s => a.KwhBySource[s], StringComparer.Ordinal),
        a.KwhTotal,
        a.Fee.AveragePriceKzt is { } price ? Math.Round(price, 4, MidpointRounding.AwayFromZero) : null,
        a.Fee.Status.Code(),
        a.Fee.AmountKzt,
        FeeTexts.Render(words, a.Fee.Basis),
        a.Fee.Lines.Select(l => new FeeLineView(words.Render(l.Ground), l.RateKztPerKwh, l.Kwh, l.AmountKzt)).ToArray(),
        a.Fee.DeclarationDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        a.Fee.PaymentDue?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        a.Fee.RuleReferences,
        a.Quota.Status.Code(),
        a.Quota.QuotaKwh,
        a.Quota.Months.Select(m => new MonthQuotaView(m.Month.ToString(), m.Applies, m.GridKwh, m.QuotaKwh, m.ExcessKwh)).ToArray(),
        a.Sale.RequiredShare,
        a.Sale.Status.Code(),
        a.Sale.LowestShare is { } lowest ? Math.Round(lowest, 6, MidpointRounding.AwayFromZero) : null,
        a.Sale.Assets.Select(s => new AssetSaleView(s.Asset, s.Mined, s.SoldAifc, s.SoldElsewhere, s.Share is { } share ? Math.Round(share, 6, MidpointRounding.AwayFromZero) : null, s.Compliant)).ToArray(),
        a.ConsumptionMonths.Select(m => m.ToString()).ToArray(),
        a.SalesMonths.Select(m => m.ToString()).ToArray(),
        a.Violations.Select(v => ViolationView.From(v, words)).ToArray(),
        rules.NotConfirmedIn(a.Quarter).Select(n => new RuleNoteView(n.Reference, n.StatusCode, n.Source)).ToArray());

    public int ErrorCount => Violations.Count(v => v.Severity == "error");
}
