using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Tests;

/// <summary>The consolidated report's rows, totals, order and fingerprint, against hand-added figures.</summary>
public sealed class QuarterlyReportEdgeTests
{
    private static readonly Quarter Q = new(2025, 1);
    private static readonly DateTimeOffset Now = new(2025, 4, 20, 6, 0, 0, TimeSpan.Zero);
    private static readonly Month Jan = new(2025, 1), Feb = new(2025, 2), Mar = new(2025, 3);

    private static Licence Licence(string number, DateOnly? from = null, DateOnly? to = null) =>
        new(number, "080240012341", number + " LLP", LicenceSubtype.I, Zone.North, from ?? new DateOnly(2023, 1, 1), to ?? new DateOnly(2027, 12, 31), LicenceStatus.Active);

    private static DateTimeOffset OnTime(Month month) => ReportDeadline.Default.DueAt(month).AddDays(-2);

    private static AssessmentInputRef Input(string licence, Month month, ReportKind kind, DateTimeOffset? received = null, string sha = "sha") =>
        new(month, kind, $"{licence}-{month}-{kind}", $"{licence}/{month}-{kind}.xlsx", sha, received ?? OnTime(month));

    private static AssessmentSummary Summary(string licence, Dictionary<EnergySource, decimal> kwh, decimal? fee, decimal? quota, decimal? saleShare,
        AssessmentInputRef[] inputs, FeeStatus status = FeeStatus.Assessed, FeeLine[]? lines = null, string? ruleVersion = null) => new(
        licence, Q, ruleVersion ?? RuleSet.Default.Version, "registry-x", 3, "token-" + licence, Now,
        EnergySources.All.ToDictionary(s => s, s => kwh.GetValueOrDefault(s)), 20m, status, fee, lines ?? [], null, null,
        QuotaStatus.Compliant, quota, saleShare, SaleStatus.Compliant, 0.9m,
        [], [], 0, 0, inputs);

    private static Violation Violation(string licence, string period, string code, Severity severity, string? subject = null) =>
        new(Message.Restore(code, null, []), severity, licence, period, subject, [], "rule@2025-01-01", null);

    private static Finding Finding(string licence, Month month, string code, FindingKind kind, string? subject = null) =>
        new(Message.Restore(code, null, []), licence, month, kind, subject, [], FindingSource.Reports);

    private static AssessmentInputRef[] All(string licence) =>
        [.. Q.Months.SelectMany(m => new[] { Input(licence, m, ReportKind.Consumption), Input(licence, m, ReportKind.Sales) })];

    private static QuarterlyReport Build(Licence[] licences, AssessmentSummary[] assessments, Violation[]? violations = null, Finding[]? findings = null) =>
        QuarterlyReportBuilder.Build(Q, licences, "registry-x", assessments, violations ?? [], findings ?? [], RuleSet.Default, ReportDeadline.Default, Now);

    [Fact]
    public void Rows_carry_each_licences_figures_and_the_totals_add_them_up()
    {
        var ground = Message.Restore("fee.ground.source", null, []);
        AssessmentSummary a = Summary("KZ-DM-0001", new() { [EnergySource.Grid] = 1000, [EnergySource.Renewable] = 200 }, 2000m, 5000m, 0.75m,
            // Three consumption reports and two sales reports; March's sales is missing.
            [Input("KZ-DM-0001", Mar, ReportKind.Consumption), Input("KZ-DM-0001", Feb, ReportKind.Sales), Input("KZ-DM-0001", Jan, ReportKind.Consumption),
             Input("KZ-DM-0001", Jan, ReportKind.Sales), Input("KZ-DM-0001", Feb, ReportKind.Consumption)],
            lines: [new FeeLine(ground, 2, 1000, 2000)]);
        AssessmentSummary b = Summary("KZ-DM-0002", new() { [EnergySource.Grid] = 500, [EnergySource.Import] = 300 }, null, 3000m, 0.8m,
            [.. All("KZ-DM-0002").Select(i => i.Period == Feb && i.Kind == ReportKind.Sales ? i with { ReceivedAt = ReportDeadline.Default.DueAt(Feb).AddDays(1) } : i)],
            status: FeeStatus.RateUnverified);
        AssessmentSummary d = Summary("KZ-DM-0004", new() { [EnergySource.Grid] = 10 }, 20m, 100m, 0.8m,
            [.. All("KZ-DM-0004").Select(i => i.Period == Jan && i.Kind == ReportKind.Consumption ? i with { ReceivedAt = ReportDeadline.Default.DueAt(Jan).AddTicks(1) } : i)]);
        Violation[] violations =
        [
            Violation("KZ-DM-0001", "2025-01", "no-quota", Severity.Error), Violation("KZ-DM-0001", "2025-01", "sale-exchange-not-aifc", Severity.Warning, "Bybit"),
            Violation("KZ-DM-0002", "2025-02", "quota-exceeded", Severity.Error), Violation("KZ-DM-0002", "2025-02", "sale-exchange-not-aifc", Severity.Warning, "Bybit"),
            Violation("KZ-DM-0002", "2025-03", "sale-exchange-not-aifc", Severity.Warning, "Binance"),
        ];

        var report = Build([Licence("KZ-DM-0001"), Licence("KZ-DM-0002"), Licence("KZ-DM-0003"), Licence("KZ-DM-0004")], [d, b, a], violations);

        var rows = report.Summary.ToDictionary(r => r.Licence);
        Assert.Equal((1000m, 200m, 0m, 1200m), (rows["KZ-DM-0001"].KwhBySource[EnergySource.Grid], rows["KZ-DM-0001"].KwhBySource[EnergySource.Renewable],
            rows["KZ-DM-0001"].KwhBySource[EnergySource.Import], rows["KZ-DM-0001"].KwhTotal));
        Assert.Equal((3, 2), (rows["KZ-DM-0001"].ConsumptionReports, rows["KZ-DM-0001"].SalesReports));
        Assert.Equal((1, 2), (rows["KZ-DM-0002"].Violations, rows["KZ-DM-0002"].Warnings));
        Assert.Equal(a.FeeBasis, rows["KZ-DM-0001"].FeeBasis);
        Assert.NotEmpty(rows["KZ-DM-0001"].FeeBasis);
        Assert.Equal(0.75m, rows["KZ-DM-0001"].RequiredSaleShare); // the assessment's own figure
        Assert.Equal(0.80m, rows["KZ-DM-0003"].RequiredSaleShare); // no assessment: the rules' 2025 share
        Assert.Null(rows["KZ-DM-0003"].GridQuotaKwh);
        Assert.Equal(
            [LicenceQuarterStatus.Violations, LicenceQuarterStatus.Violations, LicenceQuarterStatus.MissingReports, LicenceQuarterStatus.LateReports],
            report.Summary.Select(r => r.Status));
        var missing = report.Missing.Where(m => m.Licence == "KZ-DM-0001").Select(m => (m.Month, m.Kind));
        Assert.Equal([(Mar, ReportKind.Sales)], missing);

        var totals = report.Totals;
        Assert.Equal((1510m, 300m, 200m), (totals.KwhBySource[EnergySource.Grid], totals.KwhBySource[EnergySource.Import], totals.KwhBySource[EnergySource.Renewable]));
        Assert.Equal(8100m, totals.GridQuotaKwh);  // 5000 + 3000 + 100; the licence without an assessment adds nothing
        Assert.Equal(2020m, totals.FeeKzt);        // 2000 + 20; the unverified fee counts as nothing
        Assert.Equal(1, totals.RateUnverified);
        Assert.Equal((3 + 3 + 3, 2 + 3 + 3), (totals.ConsumptionReports, totals.SalesReports));
        Assert.Equal(2, totals.LateReports);       // KZ-DM-0002's February sales, KZ-DM-0004's January consumption
        Assert.Equal((2, 3), (totals.Violations, totals.Warnings));
    }

    [Fact]
    public void A_licence_with_nothing_but_a_warning_is_flagged_for_it_and_one_with_nothing_at_all_is_compliant()
    {
        var warned = Summary("KZ-DM-0001", new(), 0m, null, 0.8m, All("KZ-DM-0001"));
        var clean = Summary("KZ-DM-0002", new(), 0m, null, 0.8m, All("KZ-DM-0002"));

        var report = Build([Licence("KZ-DM-0001"), Licence("KZ-DM-0002")], [warned, clean],
            [Violation("KZ-DM-0001", "2025-01", "sale-exchange-not-aifc", Severity.Warning, "Bybit")]);

        Assert.Equal([LicenceQuarterStatus.Warnings, LicenceQuarterStatus.Compliant], report.Summary.Select(r => r.Status));
    }

    [Fact]
    public void Without_any_quota_the_total_quota_is_none_not_zero()
    {
        var report = Build([Licence("KZ-DM-0001")], [Summary("KZ-DM-0001", new() { [EnergySource.Grid] = 1 }, 2m, null, 0.8m, All("KZ-DM-0001"))]);

        Assert.Null(report.Totals.GridQuotaKwh);
    }

    [Fact]
    public void Violations_findings_and_inputs_are_listed_in_a_fixed_order()
    {
        Violation[] violations =
        [
            Violation("kz-dm-0002", "2025-01", "no-quota", Severity.Error),
            Violation("KZ-DM-0001", "2025-02", "quota-exceeded", Severity.Error),
            Violation("KZ-DM-0001", "2025-01", "sale-exchange-not-aifc", Severity.Warning, "Bybit"),
            Violation("KZ-DM-0001", "2025-01", "sale-exchange-not-aifc", Severity.Warning, "Binance"),
            Violation("KZ-DM-0001", "2025-01", "no-quota", Severity.Error),
        ];
        Finding[] findings =
        [
            Finding("KZ-DM-0002", Jan, "report-missing", FindingKind.Sales),
            Finding("KZ-DM-0001", Mar, "sale-unconfirmed", FindingKind.Sales, "T-2"),
            Finding("KZ-DM-0001", Mar, "sale-unconfirmed", FindingKind.Sales, "T-1"),
            Finding("KZ-DM-0001", Mar, "report-missing", FindingKind.Sales),
            Finding("KZ-DM-0001", Mar, "report-missing", FindingKind.Consumption),
            Finding("KZ-DM-0001", Mar, "consumption-mismatch", FindingKind.Consumption),
            Finding("KZ-DM-0001", Feb, "report-late", FindingKind.Sales),
        ];
        var inputs = All("KZ-DM-0001").Reverse().ToArray();

        var report = Build([Licence("KZ-DM-0001"), Licence("KZ-DM-0002")],
            [Summary("KZ-DM-0001", new(), 0m, null, 0.8m, inputs, ruleVersion: "rules-000000000000")], violations, findings);

        Assert.Equal(
            ["KZ-DM-0001|2025-01|no-quota|", "KZ-DM-0001|2025-01|sale-exchange-not-aifc|Binance", "KZ-DM-0001|2025-01|sale-exchange-not-aifc|Bybit",
             "KZ-DM-0001|2025-02|quota-exceeded|", "kz-dm-0002|2025-01|no-quota|"],
            report.Violations.Select(v => $"{v.Licence}|{v.Period}|{v.Code}|{v.Subject}"));
        Assert.Equal(
            ["KZ-DM-0001|2025-02|report-late|Sales|", "KZ-DM-0001|2025-03|consumption-mismatch|Consumption|", "KZ-DM-0001|2025-03|report-missing|Consumption|",
             "KZ-DM-0001|2025-03|report-missing|Sales|", "KZ-DM-0001|2025-03|sale-unconfirmed|Sales|T-1", "KZ-DM-0001|2025-03|sale-unconfirmed|Sales|T-2",
             "KZ-DM-0002|2025-01|report-missing|Sales|"],
            report.Findings.Select(f => $"{f.Licence}|{f.Month}|{f.Code}|{f.Kind}|{f.Subject}"));
        Assert.Equal(
            [(Jan, ReportKind.Consumption), (Jan, ReportKind.Sales), (Feb, ReportKind.Consumption), (Feb, ReportKind.Sales), (Mar, ReportKind.Consumption), (Mar, ReportKind.Sales)],
            report.Inputs.Where(i => i.Licence == "KZ-DM-0001").Select(i => (i.Month, i.Kind)));
        Assert.Equal(["rules-000000000000", RuleSet.Default.Version], report.RuleVersions); // ordinal order: "0" before any other hex digit
    }

    [Fact]
    public void The_fingerprint_follows_which_reports_are_missing_and_which_files_were_read()
    {
        // Active January to February, or February to March: two months each, nothing filed; only the missing months differ.
        var early = Build([Licence("KZ-DM-0001", to: new DateOnly(2025, 2, 28))], []);
        var later = Build([Licence("KZ-DM-0001", from: new DateOnly(2025, 2, 1))], []);
        Assert.Equal(early.Summary.Single(), later.Summary.Single(), new SummaryRowComparer());
        Assert.NotEqual(early.Fingerprint, later.Fingerprint);

        // The same report read from another file (another SHA-256): only the input list differs.
        var first = Build([Licence("KZ-DM-0001")], [Summary("KZ-DM-0001", new(), 0m, null, 0.8m, All("KZ-DM-0001"))]);
        var replaced = Build([Licence("KZ-DM-0001")],
            [Summary("KZ-DM-0001", new(), 0m, null, 0.8m, [.. All("KZ-DM-0001").Select((i, n) => n == 0 ? i with { Sha256 = "other" } : i)])]);
        Assert.NotEqual(first.Fingerprint, replaced.Fingerprint);
    }

    /// <summary>The row's printed figures (what the summary sheet shows), to show two rows alike.</summary>
    private sealed class SummaryRowComparer : IEqualityComparer<SummaryRow>
    {
        public bool Equals(SummaryRow? x, SummaryRow? y) =>
            x is not null && y is not null && (x.Licence, x.MonthsActive, x.ConsumptionReports, x.SalesReports, x.LateReports, x.Status, x.KwhTotal) ==
            (y.Licence, y.MonthsActive, y.ConsumptionReports, y.SalesReports, y.LateReports, y.Status, y.KwhTotal);

        public int GetHashCode(SummaryRow obj) => obj.Licence.GetHashCode(StringComparison.Ordinal);
    }
}
