using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Tests;

/// <summary>
/// The overview of a quarter, from a report written out by hand (not built by the code under test), with every
/// expectation worked out by hand from it:
/// <code>
/// licence  zone   sub  status     kWh (source)                 fee      quota     sale           reports    late  viol. warn.
/// KZ-A     North  I    warnings   100 grid + 50 renewable      300      compliant compliant      3 C + 3 S  0     0     1
/// KZ-B     South  II   violations 400 grid + 100 import        1,200    violated  below minimum  3 C + 3 S  1     2     0
/// KZ-C     South  I    rate unv.  200 own generation           (none)   compliant nothing mined  3 C + 3 S  0     0     0
/// KZ-D     West   II   missing    0                            0        -         -              none       0     0     0
/// KZ-E     North  I    inactive   10 grid                      20       n/a       n/a            1 C        0     1     0
/// KZ-X     -      -    unknown    50 grid                      100      compliant compliant      1 C + 1 S  1     1     0
/// </code>
/// Totals: 910 kWh (grid 560, import 100, renewable 50, own generation 200), fee 1,620 with one rate unverified.
/// KZ-D's six reports are missing (two a month); KZ-B's June consumption and KZ-X's April sales came late; one finding in May.
/// </summary>
public sealed class QuarterOverviewTests
{
    private static readonly Quarter Q = new(2025, 2);
    private static readonly Month April = new(2025, 4), May = new(2025, 5), June = new(2025, 6);
    private static readonly DateTimeOffset Generated = new(2025, 7, 20, 3, 0, 0, TimeSpan.Zero);

    private static SummaryRow Row(string licence, Zone? zone, LicenceSubtype? subtype, LicenceQuarterStatus status, (EnergySource Source, decimal Kwh)[] kwh, decimal? fee,
        QuotaStatus? quota, SaleStatus? sale, int consumption, int sales, int late, int violations, int warnings) => new(
        licence, zone is null ? null : "080240012341", zone is null ? null : licence + " LLP", subtype, zone,
        EnergySources.All.ToDictionary(s => s, s => kwh.Where(k => k.Source == s).Sum(k => k.Kwh)), kwh.Sum(k => k.Kwh), null, quota, [],
        fee is null && consumption > 0 ? FeeStatus.RateUnverified : consumption > 0 ? FeeStatus.Assessed : null, fee, 0.8m, null, sale, 3, consumption, sales, late, violations, warnings, 0, status);

    private static Violation Violation(string licence, string code, Severity severity = Severity.Error) =>
        new(Message.Restore(code, null, []), severity, licence, "2025-Q2", null, [], "rule@2025-01-01", null);

    private static IEnumerable<ReportInput> Inputs(string licence, params (Month Month, ReportKind Kind)[] reports) =>
        reports.Select(r => new ReportInput(licence, r.Month, r.Kind, $"{licence}-{r.Month}-{r.Kind}", $"{licence}/{r.Month}.xlsx", "sha", Generated));

    private static (Month, ReportKind)[] EveryReport => Q.Months.SelectMany(m => new[] { (m, ReportKind.Consumption), (m, ReportKind.Sales) }).ToArray();

    private static QuarterlyReport Report(QuarterComparison? comparison = null, IReadOnlyList<SummaryRow>? summary = null)
    {
        SummaryRow[] rows =
        [
            Row("KZ-A", Zone.North, LicenceSubtype.I, LicenceQuarterStatus.Warnings, [(EnergySource.Grid, 100), (EnergySource.Renewable, 50)], 300,
                QuotaStatus.Compliant, SaleStatus.Compliant, 3, 3, 0, 0, 1),
            Row("KZ-B", Zone.South, LicenceSubtype.II, LicenceQuarterStatus.Violations, [(EnergySource.Grid, 400), (EnergySource.Import, 100)], 1200,
                QuotaStatus.Violated, SaleStatus.BelowMinimum, 3, 3, 1, 2, 0),
            Row("KZ-C", Zone.South, LicenceSubtype.I, LicenceQuarterStatus.RateUnverified, [(EnergySource.OwnGeneration, 200)], null,
                QuotaStatus.Compliant, SaleStatus.NothingMined, 3, 3, 0, 0, 0),
            Row("KZ-D", Zone.West, LicenceSubtype.II, LicenceQuarterStatus.MissingReports, [], 0, null, null, 0, 0, 0, 0, 0),
            Row("KZ-E", Zone.North, LicenceSubtype.I, LicenceQuarterStatus.InactiveLicence, [(EnergySource.Grid, 10)], 20,
                QuotaStatus.NotApplicable, SaleStatus.NotApplicable, 1, 0, 0, 1, 0),
            Row("KZ-X", null, null, LicenceQuarterStatus.UnknownLicence, [(EnergySource.Grid, 50)], 100, QuotaStatus.Compliant, SaleStatus.Compliant, 1, 1, 1, 1, 0),
        ];
        var totals = new SummaryTotals(6,
            new Dictionary<EnergySource, decimal> { [EnergySource.Grid] = 560, [EnergySource.Import] = 100, [EnergySource.Renewable] = 50, [EnergySource.OwnGeneration] = 200, [EnergySource.OffGrid] = 0 },
            910, null, 1620, 1, 11, 10, 2, 4, 1, 1);
        Violation[] violations =
        [
            Violation("KZ-A", "sale-exchange-not-aifc", Severity.Warning),
            Violation("KZ-B", "sale-share-below-minimum"), Violation("KZ-B", "quota-exceeded"),
            Violation("KZ-E", "licence-inactive"), Violation("KZ-X", "licence-unknown"),
        ];
        var deadline = ReportDeadline.Default;
        MissingReport[] missing = EveryReport.Select(r => new MissingReport("KZ-D", "KZ-D LLP", r.Item1, r.Item2, deadline.DueAt(r.Item1))).ToArray();
        LateReport[] late =
        [
            new("KZ-B", "KZ-B LLP", June, ReportKind.Consumption, deadline.DueAt(June), deadline.DueAt(June).AddDays(2), "KZ-B/2025-06.xlsx"),
            new("KZ-X", null, April, ReportKind.Sales, deadline.DueAt(April), deadline.DueAt(April).AddDays(1), "KZ-X/2025-04.xlsx"),
        ];
        ReportInput[] inputs =
        [
            .. Inputs("KZ-A", EveryReport), .. Inputs("KZ-B", EveryReport), .. Inputs("KZ-C", EveryReport),
            .. Inputs("KZ-E", (May, ReportKind.Consumption)), .. Inputs("KZ-X", (April, ReportKind.Consumption), (April, ReportKind.Sales)),
        ];
        Finding[] findings = [new(Message.Restore("consumption-mismatch", null, []), "KZ-B", May, FindingKind.Consumption, null, [], FindingSource.MarketOperator)];
        return new QuarterlyReport(Q, Generated, ["rules-x"], "registry-x", null, null, deadline, summary ?? rows, totals, violations, findings, missing, late, inputs, "f")
        {
            Comparison = comparison ?? QuarterComparison.None,
        };
    }

    [Fact]
    public void Headline_counts_active_licences_those_that_reported_and_the_report_totals()
    {
        var overview = QuarterOverview.Of(Report());

        Assert.Equal(new OverviewHeadline(FeeDueKzt: 1620, FeeRateUnverified: 1, KwhTotal: 910, LicencesActive: 4, LicencesReported: 3,
            Violations: 4, Warnings: 1, MissingReports: 6, LateReports: 2, Findings: 1), overview.Headline);
        Assert.Equal((Q, Generated), (overview.Quarter, overview.GeneratedAt));
    }

    [Fact]
    public void Zones_and_subtypes_list_every_value_then_licences_not_in_the_registry_and_add_up_to_the_totals()
    {
        var overview = QuarterOverview.Of(Report());

        Assert.Equal(
            [new GroupTotals<Zone>(Zone.North, 2, 160, 320), new(Zone.South, 2, 700, 1200), new(Zone.West, 1, 0, 0), new(null, 1, 50, 100)],
            overview.ByZone);
        Assert.Equal(
            [new GroupTotals<LicenceSubtype>(LicenceSubtype.I, 3, 360, 320), new(LicenceSubtype.II, 2, 500, 1200), new(null, 1, 50, 100)],
            overview.BySubtype);
    }

    [Fact]
    public void Without_unknown_licences_there_is_no_group_without_a_zone_and_empty_zones_stay_listed()
    {
        var onlyNorth = Report().Summary.Where(r => r.Licence == "KZ-A").ToArray();

        var overview = QuarterOverview.Of(Report(summary: onlyNorth));

        Assert.Equal([new GroupTotals<Zone>(Zone.North, 1, 150, 300), new(Zone.South, 0, 0, 0), new(Zone.West, 0, 0, 0)], overview.ByZone);
    }

    [Fact]
    public void Kwh_by_source_has_every_source_in_order_with_its_share()
    {
        var overview = QuarterOverview.Of(Report());

        Assert.Equal(
        [
            new SourceKwh(EnergySource.Grid, 560, 560m / 910), new(EnergySource.Import, 100, 100m / 910), new(EnergySource.Renewable, 50, 50m / 910),
            new(EnergySource.OwnGeneration, 200, 200m / 910), new(EnergySource.OffGrid, 0, 0),
        ], overview.KwhBySource);
    }

    [Fact]
    public void Months_show_the_reports_filed_on_time_late_and_missing_and_the_findings()
    {
        // April: 8 filed (KZ-A, B, C two each, KZ-X two), one of them late; May: 7 (KZ-E's consumption); June: 6, one late.
        var overview = QuarterOverview.Of(Report());

        Assert.Equal([new MonthActivity(April, 7, 1, 2, 0), new(May, 7, 0, 2, 1), new(June, 5, 1, 2, 0)], overview.Months);
    }

    [Fact]
    public void Compliance_rates_count_only_the_licences_each_rule_applies_to()
    {
        // Sale: KZ-A and KZ-X compliant, KZ-B below (KZ-C mined nothing, KZ-E not applicable, KZ-D no report).
        // Quota: KZ-A, KZ-C, KZ-X compliant, KZ-B violated (KZ-E not applicable, KZ-D no report).
        var compliance = QuarterOverview.Of(Report()).Compliance;

        Assert.Equal((2, 3), (compliance.MandatorySale.Met, compliance.MandatorySale.Applicable));
        Assert.Equal(2m / 3, compliance.MandatorySale.Rate);
        Assert.Equal((3, 4), (compliance.GridQuota.Met, compliance.GridQuota.Applicable));
        Assert.Equal(0.75m, compliance.GridQuota.Rate);
        Assert.Null(new ComplianceRate(0, 0).Rate);
    }

    [Fact]
    public void Top_miners_are_those_owing_most_with_their_share_of_the_fee_and_ties_go_by_licence()
    {
        var overview = QuarterOverview.Of(Report(), topMiners: 3);

        Assert.Equal(["KZ-B", "KZ-A", "KZ-X"], overview.TopMiners.Select(m => m.Licence));
        Assert.Equal([1200m / 1620, 300m / 1620, 100m / 1620], overview.TopMiners.Select(m => m.ShareOfFee));
        Assert.Equal(new MinerFee("KZ-B", "KZ-B LLP", Zone.South, LicenceSubtype.II, 500, 1200, 1200m / 1620), overview.TopMiners[0]);
        // No fee (KZ-D: nothing filed; KZ-C: rate unverified) is never among them, whatever the count.
        Assert.Equal(["KZ-B", "KZ-A", "KZ-X", "KZ-E"], QuarterOverview.Of(Report(), topMiners: 10).TopMiners.Select(m => m.Licence));

        var tie = Report().Summary.Select(r => r with { FeeKzt = r.Licence is "KZ-A" or "KZ-B" ? 500 : 0 }).Reverse().ToArray();
        Assert.Equal(["KZ-A", "KZ-B"], QuarterOverview.Of(Report(summary: tie)).TopMiners.Select(m => m.Licence));
    }

    [Fact]
    public void Licences_with_violations_come_most_first_with_their_error_codes_only()
    {
        var overview = QuarterOverview.Of(Report());

        Assert.Equal(["KZ-B", "KZ-E", "KZ-X"], overview.LicencesWithViolations.Select(v => v.Licence));
        var b = overview.LicencesWithViolations[0];
        Assert.Equal(("KZ-B LLP", LicenceQuarterStatus.Violations, 2, 0), (b.Company, b.Status, b.Violations, b.Warnings));
        Assert.Equal(["quota-exceeded", "sale-share-below-minimum"], b.Codes);
        Assert.Equal(["licence-unknown"], overview.LicencesWithViolations[2].Codes);
    }

    [Fact]
    public void Comparison_gives_absolute_and_relative_changes_and_flags_an_incomplete_fee()
    {
        // 2025-Q1: fee 1,350, 1,000 kWh. Fee +270 (+20 %), kWh -90 (-9 %); this quarter has a rate unverified, so the fee change compares lower bounds.
        var previous = new QuarterTotals(new Quarter(2025, 1), 1350, 1000, 0);

        var overview = QuarterOverview.Of(Report(new QuarterComparison(previous, null)));

        var change = Assert.IsType<PeriodComparison>(overview.PreviousQuarter);
        Assert.Equal(new Quarter(2025, 1), change.Quarter);
        Assert.Equal((1620m, 1350m, 270m, 0.2m), (change.Fee.Current, change.Fee.Compared, change.Fee.Absolute, change.Fee.Relative));
        Assert.Equal((910m, 1000m, -90m, -0.09m), (change.Kwh.Current, change.Kwh.Compared, change.Kwh.Absolute, change.Kwh.Relative));
        Assert.True(change.FeeIncomplete);
        Assert.Null(overview.SameQuarterLastYear);
    }

    [Fact]
    public void Without_figures_for_other_quarters_there_is_no_comparison_and_nothing_relative_to_zero()
    {
        Assert.Null(QuarterOverview.Of(Report()).PreviousQuarter);
        Assert.Null(QuarterOverview.Of(Report()).SameQuarterLastYear);

        var yearAgo = new QuarterTotals(new Quarter(2024, 2), 0, 0, 0);
        var change = QuarterOverview.Of(Report(new QuarterComparison(null, yearAgo))).SameQuarterLastYear!;
        Assert.Equal((1620m, (decimal?)null, 910m, (decimal?)null), (change.Fee.Absolute, change.Fee.Relative, change.Kwh.Absolute, change.Kwh.Relative));
    }
}
