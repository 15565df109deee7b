using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Tests;

/// <summary>
/// The consolidated report the workbook tests write. Its figures, worked out by hand: KZ-DM-0001 (North, I) 1,000 kWh and
/// 2,000.00 KZT, six reports on time, a warning; KZ-DM-0002 (South, II) 1,250,000.125 grid + 40,000.5 renewable kWh and
/// 2,540,000.75 KZT, March consumption late, March sales missing, a violation; KZ-DM-0003 (West, II) active from
/// February, nothing filed (four reports missing). Totals: 2,542,000.75 KZT, 1,291,000.625 kWh.
/// </summary>
internal static class ConsolidatedReportFixture
{
    public static readonly Quarter Q = new(2025, 1);

    /// <summary>2024-Q4 as compared: 2,000,000.00 KZT and 1,000,000.5 kWh, every rate known.</summary>
    public static readonly QuarterTotals PreviousQuarter = new(new Quarter(2024, 4), 2_000_000.00m, 1_000_000.5m, 0);

/// <summary>
/// A small, fixed quarter: three licences, a late report, a missing one, two violations; compared with the previous
/// quarter (<see cref="PreviousQuarter"/>) and without figures for the same quarter last year, unless told otherwise.
/// </summary>
public static QuarterlyReport Report(string? company = null, string? subject = null, QuarterComparison? comparison = null)
{
    var deadline = ReportDeadline.Default;
    Licence[] licences =
    [
        new("KZ-DM-0001", "080240012341", company ?? "Ekibastuz Hash LLP", LicenceSubtype.I, Zone.North, new DateOnly(2023, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active),
        new("KZ-DM-0002", "191240022314", "Turkestan Compute LLP", LicenceSubtype.II, Zone.South, new DateOnly(2023, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active),
        new("KZ-DM-0003", "050540004455", "Aktobe Data Center LLP", LicenceSubtype.II, Zone.West, new DateOnly(2025, 2, 1), new DateOnly(2028, 1, 1), LicenceStatus.Active),
    ];
    AssessmentSummary Assessment(string licence, decimal grid, decimal renewable, decimal? fee, FeeStatus status, bool lateMarch, bool skipMarchSales) => new(
        licence, Q, RuleSet.Default.Version, "registry-0123456789ab", 6, "t", new DateTimeOffset(2025, 4, 15, 5, 0, 0, TimeSpan.Zero),
        new Dictionary<EnergySource, decimal> { [EnergySource.Grid] = grid, [EnergySource.Import] = 0, [EnergySource.Renewable] = renewable, [EnergySource.OwnGeneration] = 0, [EnergySource.OffGrid] = 0 },
        24.5m, status, fee, [new FeeLine(FeeTexts.GroundSource.With(("source", Terms.Term(EnergySource.Grid))), 2m, grid, 2m * grid)], new DateOnly(2025, 5, 15), new DateOnly(2025, 5, 25),
        QuotaStatus.Compliant, grid * 1.05m, 0.80m, SaleStatus.Compliant, 0.8123m, Q.Months, Q.Months, 0, 0,
        Q.Months.SelectMany(m => new[] { ReportKind.Consumption, ReportKind.Sales }.Select(k => (m, k)))
            .Where(x => !(skipMarchSales && x.m == Q.LastMonth && x.k == ReportKind.Sales))
            .Select(x => new AssessmentInputRef(x.m, x.k, $"{licence}-{x.m}-{x.k}", $"{licence}/{x.m}-{x.k.Code()}.xlsx", new string('a', 64),
                lateMarch && x.m == Q.LastMonth ? deadline.DueAt(x.m).AddDays(4) : deadline.DueAt(x.m).AddDays(-3))).ToArray());
    AssessmentSummary[] assessments =
    [
        Assessment("KZ-DM-0001", 1000m, 0m, 2000.00m, FeeStatus.Assessed, false, false),
        Assessment("KZ-DM-0002", 1_250_000.125m, 40_000.5m, 2_540_000.75m, FeeStatus.Assessed, true, true),
    ];
    Violation[] violations =
    [
        new(ViolationCodes.QuotaExceeded.With(("month", MessageValue.Month(new Month(2025, 3))), ("grid_kwh", MessageValue.Kwh(450_000m)), ("quota_kwh", MessageValue.Kwh(400_000m)),
                ("excess_kwh", MessageValue.Kwh(50_000m))), Severity.Error, "KZ-DM-0002", "2025-03", null,
            [new Figure("grid_kwh", 450_000m, "kWh"), new Figure("quota_kwh", 400_000m, "kWh"), new Figure("excess_kwh", 50_000m, "kWh")], "quota.applies@2023-07-01", "KZ-DM-0002/2025-03-consumption.xlsx"),
        new(ViolationCodes.SaleExchangeNotAifc.With(("quantity", MessageValue.Quantity(0.12345678m)), ("month", MessageValue.Month(new Month(2025, 2))), ("exchange", subject ?? "Binance.com")),
            Severity.Warning, "KZ-DM-0001", "2025-02", subject ?? "Binance.com",
            [new Figure("quantity", 0.12345678m, "units")], "sale.share_min@2025-01-01", "KZ-DM-0001/2025-02-sales.xlsx"),
    ];
    Finding[] findings =
    [
        new(FindingCodes.ConsumptionMismatch.With(("licence", "KZ-DM-0002"), ("reported", MessageValue.Kwh(410_000m)), ("month", MessageValue.Month(new Month(2025, 2))),
                ("purchased", MessageValue.Kwh(400_000m)), ("difference", MessageValue.Kwh(10_000m))), "KZ-DM-0002", new Month(2025, 2), FindingKind.Consumption, null,
            [new Figure("reported_kwh", 410_000m, "kWh"), new Figure("purchased_kwh", 400_000m, "kWh"), new Figure("difference_kwh", 10_000m, "kWh")], FindingSource.MarketOperator),
        new(FindingCodes.ReportMissing.With(("kind", Terms.Term(ReportKind.Sales)), ("licence", "KZ-DM-0003"), ("month", MessageValue.Month(new Month(2025, 2))),
            ("due", MessageValue.Instant(deadline.DueAt(new Month(2025, 2))))), "KZ-DM-0003", new Month(2025, 2), FindingKind.Sales, null, [], FindingSource.Reports),
    ];
    return QuarterlyReportBuilder.Build(Q, licences, "registry-0123456789ab", assessments, violations, findings, RuleSet.Default, deadline, new DateTimeOffset(2025, 4, 20, 3, 0, 0, TimeSpan.Zero),
        comparison ?? new QuarterComparison(PreviousQuarter, null));
}
}
