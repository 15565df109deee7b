using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Consolidation;

/// <summary>
/// The quarter at a glance, computed from its consolidated report alone (pure, no I/O): headline figures, the
/// comparison with the previous quarter and the same quarter last year (absent without figures for them), totals by
/// zone and licence subtype, kWh by energy source, the months' reports, compliance rates, the miners owing the most
/// and the licences with violations. One computation for every view of it: the workbook's Overview sheet and the
/// committee's dashboard.
/// </summary>
public sealed record QuarterOverview(
    Quarter Quarter,
    DateTimeOffset GeneratedAt,
    OverviewHeadline Headline,
    PeriodComparison? PreviousQuarter,
    PeriodComparison? SameQuarterLastYear,
    IReadOnlyList<GroupTotals<Zone>> ByZone,
    IReadOnlyList<GroupTotals<LicenceSubtype>> BySubtype,
    IReadOnlyList<SourceKwh> KwhBySource,
    IReadOnlyList<MonthActivity> Months,
    ComplianceRates Compliance,
    IReadOnlyList<MinerFee> TopMiners,
    IReadOnlyList<LicenceViolations> LicencesWithViolations)
{
    public const int DefaultTopMiners = 10;

    public static QuarterOverview Of(QuarterlyReport report, int topMiners = DefaultTopMiners)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topMiners);
        var rows = report.Summary;
        var totals = report.Totals;
        var active = rows.Where(r => r.Status is not (LicenceQuarterStatus.UnknownLicence or LicenceQuarterStatus.InactiveLicence)).ToArray();
        var headline = new OverviewHeadline(
            totals.FeeKzt, totals.RateUnverified, totals.KwhTotal, active.Length, active.Count(r => r.ConsumptionReports + r.SalesReports > 0),
            totals.Violations, totals.Warnings, report.Missing.Count, totals.LateReports, totals.Findings);

        return new QuarterOverview(
            report.Quarter,
            report.GeneratedAt,
            headline,
            Compare(report, report.Comparison.PreviousQuarter),
            Compare(report, report.Comparison.SameQuarterLastYear),
            Groups(rows, r => r.Zone),
            Groups(rows, r => r.Subtype),
            EnergySources.All.Select(s => new SourceKwh(s, totals.KwhBySource[s], totals.KwhTotal == 0 ? null : totals.KwhBySource[s] / totals.KwhTotal)).ToArray(),
            MonthsOf(report),
            new ComplianceRates(
                Rate(rows, r => r.SaleStatus is Assessment.SaleStatus.Compliant, r => r.SaleStatus is Assessment.SaleStatus.Compliant or Assessment.SaleStatus.BelowMinimum),
                Rate(rows, r => r.QuotaStatus is Assessment.QuotaStatus.Compliant, r => r.QuotaStatus is Assessment.QuotaStatus.Compliant or Assessment.QuotaStatus.Violated)),
            rows.Where(r => r.FeeKzt > 0).OrderByDescending(r => r.FeeKzt).ThenBy(r => r.Licence, StringComparer.Ordinal).Take(topMiners)
                .Select(r => new MinerFee(r.Licence, r.Company, r.Zone, r.Subtype, r.KwhTotal, r.FeeKzt!.Value, totals.FeeKzt == 0 ? null : r.FeeKzt.Value / totals.FeeKzt))
                .ToArray(),
            WithViolations(report));
    }

    private static PeriodComparison? Compare(QuarterlyReport report, QuarterTotals? other) => other is null
        ? null
        : new PeriodComparison(other.Quarter, new FigureChange(report.Totals.FeeKzt, other.FeeKzt), new FigureChange(report.Totals.KwhTotal, other.KwhTotal),
            report.Totals.RateUnverified > 0 || other.FeeRateUnverified > 0);

    /// <summary>Every value of the enum, in its order (zeros included, so views keep their shape), then licences without one.</summary>
    private static GroupTotals<TKey>[] Groups<TKey>(IReadOnlyList<SummaryRow> rows, Func<SummaryRow, TKey?> key)
        where TKey : struct, Enum
    {
        GroupTotals<TKey> Totals(TKey? value)
        {
            var group = rows.Where(r => Nullable.Equals(key(r), value)).ToArray();
            return new GroupTotals<TKey>(value, group.Length, group.Sum(r => r.KwhTotal), group.Sum(r => r.FeeKzt ?? 0));
        }

        var groups = Enum.GetValues<TKey>().Select(v => Totals(v));
        return rows.Any(r => key(r) is null) ? [.. groups, Totals(null)] : [.. groups];
    }

    /// <summary>
    /// The report keeps kWh per quarter only (assessments sum the months), so the monthly view is what it does hold per
    /// month: the reports filed on time and late, those missing, and the reconciliation findings.
    /// </summary>
    private static MonthActivity[] MonthsOf(QuarterlyReport report) => report.Quarter.Months.Select(m =>
    {
        var late = report.Late.Count(l => l.Month == m);
        return new MonthActivity(m, report.Inputs.Count(i => i.Month == m) - late, late, report.Missing.Count(x => x.Month == m), report.Findings.Count(f => f.Month == m));
    }).ToArray();

    private static ComplianceRate Rate(IReadOnlyList<SummaryRow> rows, Func<SummaryRow, bool> met, Func<SummaryRow, bool> applies) =>
        new(rows.Count(r => applies(r) && met(r)), rows.Count(applies));

    private static LicenceViolations[] WithViolations(QuarterlyReport report)
    {
        var codes = report.Violations.Where(v => v.Severity == Severity.Error)
            .GroupBy(v => v.Licence.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(v => v.Code).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return report.Summary.Where(r => r.Violations > 0)
            .OrderByDescending(r => r.Violations).ThenBy(r => r.Licence, StringComparer.Ordinal)
            .Select(r => new LicenceViolations(r.Licence, r.Company, r.Status, r.Violations, r.Warnings, codes.GetValueOrDefault(r.Licence.ToUpperInvariant()) ?? []))
            .ToArray();
    }
}
