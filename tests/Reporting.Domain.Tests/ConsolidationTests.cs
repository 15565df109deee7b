using Reporting.Domain.Text;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;
using Reporting.Domain.Reconciliation;

namespace Reporting.Domain.Tests;

public sealed class ConsolidationTests
{
    private static readonly Quarter Q = new(2025, 1);
    private static readonly DateTimeOffset Now = new(2025, 4, 20, 6, 0, 0, TimeSpan.Zero);

    private static Licence Licence(string number, DateOnly? from = null, LicenceStatus status = LicenceStatus.Active) =>
        new(number, "080240012341", number + " LLP", LicenceSubtype.I, Zone.North, from ?? new DateOnly(2023, 1, 1), new DateOnly(2027, 12, 31), status);

    private static AssessmentSummary Summary(string licence, decimal fee, params (Month Month, ReportKind Kind, DateTimeOffset Received)[] inputs) => new(
        licence, Q, RuleSet.Default.Version, "registry-x", 3, "token-" + licence, Now,
        EnergySources.All.ToDictionary(s => s, s => s == EnergySource.Grid ? 1000m : 0m), 20m, FeeStatus.Assessed, fee, [], null, null,
        QuotaStatus.Compliant, 5000m, 0.80m, SaleStatus.Compliant, 0.85m,
        inputs.Where(i => i.Kind == ReportKind.Consumption).Select(i => i.Month).ToArray(), inputs.Where(i => i.Kind == ReportKind.Sales).Select(i => i.Month).ToArray(), 0, 0,
        inputs.Select((i, n) => new AssessmentInputRef(i.Month, i.Kind, "upload" + n, $"{licence}/{i.Month}-{i.Kind}.xlsx", "sha" + n, i.Received)).ToArray());

    [Fact]
    public void Missing_late_statuses_and_totals_follow_the_inputs()
    {
        var deadline = ReportDeadline.Default;
        var onTime = (Month m) => deadline.DueAt(m).AddDays(-2);
        var all = Q.Months.SelectMany(m => new[] { (m, ReportKind.Consumption, onTime(m)), (m, ReportKind.Sales, onTime(m)) }).ToArray();
        var lateMarch = all.Select(i => i.Item1 == new Month(2025, 3) && i.Item2 == ReportKind.Sales ? (i.Item1, i.Item2, deadline.DueAt(i.Item1).AddDays(3)) : i).ToArray();
        Licence[] licences =
        [
            Licence("KZ-DM-0001"),
            Licence("KZ-DM-0002"),
            Licence("KZ-DM-0003", from: new DateOnly(2025, 2, 15)),   // active from February: two months
            Licence("KZ-DM-0004"),                                    // filed nothing
            Licence("KZ-DM-0005", status: LicenceStatus.Revoked),      // never active: not listed unless it reported
        ];
        AssessmentSummary[] assessments =
        [
            Summary("KZ-DM-0001", 2000m, all),
            Summary("KZ-DM-0002", 3000m, lateMarch),
            Summary("KZ-DM-0003", 1000m, all.Where(i => i.Item1 >= new Month(2025, 2)).ToArray()),
            Summary("KZ-DM-0099", 500m, all[..2]),                    // reported, but not in the registry
        ];
        Violation[] violations = [new(ViolationCodes.QuotaExceeded.With(("month", MessageValue.Month(new Month(2025, 3))), ("grid_kwh", MessageValue.Kwh(2)), ("quota_kwh", MessageValue.Kwh(1)), ("excess_kwh", MessageValue.Kwh(1))), Severity.Error, "KZ-DM-0002", "2025-03", null, [], "quota.applies@2023-07-01", null)];

        var report = QuarterlyReportBuilder.Build(Q, licences, "registry-x", assessments, violations, [], RuleSet.Default, deadline, Now);

        Assert.Equal(["KZ-DM-0001", "KZ-DM-0002", "KZ-DM-0003", "KZ-DM-0004", "KZ-DM-0099"], report.Summary.Select(r => r.Licence));
        Assert.Equal([LicenceQuarterStatus.Compliant, LicenceQuarterStatus.Violations, LicenceQuarterStatus.Compliant, LicenceQuarterStatus.MissingReports, LicenceQuarterStatus.UnknownLicence], report.Summary.Select(r => r.Status));
        Assert.Equal([3, 3, 2, 3, 0], report.Summary.Select(r => r.MonthsActive));
        Assert.Equal(6, report.Missing.Count(m => m.Licence == "KZ-DM-0004"));
        Assert.Equal(6, report.Missing.Count);
        var late = Assert.Single(report.Late);
        Assert.Equal(("KZ-DM-0002", new Month(2025, 3), ReportKind.Sales, 3.0), (late.Licence, late.Month, late.Kind, late.DaysLate));
        Assert.Equal(6500m, report.Totals.FeeKzt);
        Assert.Equal(1, report.Totals.Violations);
        Assert.Equal(1, report.Totals.LateReports);
        Assert.Equal(new DateOnly(2025, 5, 15), report.DeclarationDue);
        Assert.Equal(new DateOnly(2025, 5, 25), report.PaymentDue);
        Assert.Equal(6 + 6 + 4 + 2, report.Inputs.Count);
    }

    [Fact]
    public void The_fingerprint_ignores_when_the_report_was_generated_and_follows_its_content()
    {
        var licences = new[] { Licence("KZ-DM-0001") };
        var input = (new Month(2025, 1), ReportKind.Consumption, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var first = QuarterlyReportBuilder.Build(Q, licences, "r1", [Summary("KZ-DM-0001", 100m, input)], [], [], RuleSet.Default, ReportDeadline.Default, Now);
        var later = QuarterlyReportBuilder.Build(Q, licences, "r1", [Summary("KZ-DM-0001", 100m, input)], [], [], RuleSet.Default, ReportDeadline.Default, Now.AddDays(3));
        var changed = QuarterlyReportBuilder.Build(Q, licences, "r1", [Summary("KZ-DM-0001", 100.01m, input)], [], [], RuleSet.Default, ReportDeadline.Default, Now);
        var otherDeadline = QuarterlyReportBuilder.Build(Q, licences, "r1", [Summary("KZ-DM-0001", 100m, input)], [], [], RuleSet.Default, new ReportDeadline(15, new TimeOnly(18, 0)), Now);

        Assert.Equal(first.Fingerprint, later.Fingerprint);
        Assert.NotEqual(first.Fingerprint, changed.Fingerprint);
        Assert.NotEqual(first.Fingerprint, otherDeadline.Fingerprint);
    }

    [Fact]
    public void Another_quarters_totals_are_the_sums_of_its_assessments_and_absent_without_any()
    {
        var input = (new Month(2025, 1), ReportKind.Consumption, Now);
        AssessmentSummary[] assessments =
        [
            Summary("KZ-DM-0001", 2000m, input),
            Summary("KZ-DM-0002", 0m, input) with { FeeStatus = FeeStatus.RateUnverified, FeeKzt = null },
        ];

        // 1,000 grid kWh each; the unverified fee adds nothing and is counted.
        Assert.Equal(new QuarterTotals(Q, 2000m, 2000m, 1), QuarterTotals.Of(Q, assessments));
        Assert.Null(QuarterTotals.Of(Q, []));
        var report = QuarterlyReportBuilder.Build(Q, [Licence("KZ-DM-0001"), Licence("KZ-DM-0002")], "r1", assessments, [], [], RuleSet.Default, ReportDeadline.Default, Now);
        Assert.Equal(QuarterTotals.Of(report), QuarterTotals.Of(Q, assessments));
    }

    [Fact]
    public void Comparison_figures_are_content_of_the_report_and_must_be_of_the_right_quarters()
    {
        var licences = new[] { Licence("KZ-DM-0001") };
        AssessmentSummary[] assessments = [Summary("KZ-DM-0001", 100m, (new Month(2025, 1), ReportKind.Consumption, Now))];
        QuarterlyReport Build(QuarterComparison? comparison) =>
            QuarterlyReportBuilder.Build(Q, licences, "r1", assessments, [], [], RuleSet.Default, ReportDeadline.Default, Now, comparison);
        var previous = new QuarterTotals(new Quarter(2024, 4), 90m, 900m, 0);

        var without = Build(null);
        var compared = Build(new QuarterComparison(previous, null));

        Assert.Equal(without.Fingerprint, Build(QuarterComparison.None).Fingerprint);
        Assert.NotEqual(without.Fingerprint, compared.Fingerprint);
        Assert.NotEqual(compared.Fingerprint, Build(new QuarterComparison(previous with { FeeKzt = 91m }, null)).Fingerprint);
        Assert.NotEqual(compared.Fingerprint, Build(new QuarterComparison(null, previous with { Quarter = new Quarter(2024, 1) })).Fingerprint);
        Assert.Same(QuarterComparison.None, without.Comparison);
        Assert.Equal(previous, compared.Comparison.PreviousQuarter);
        Assert.Throws<ArgumentException>(() => Build(new QuarterComparison(previous with { Quarter = new Quarter(2024, 3) }, null)));
        Assert.Throws<ArgumentException>(() => Build(new QuarterComparison(null, previous)));
    }

    [Theory]
    [InlineData("2025-03-10T18:59:59Z", false)] // 23:59:59 in Kazakhstan (UTC+5): on time
    [InlineData("2025-03-10T19:00:00Z", true)]
    [InlineData("2024-02-10T17:59:59Z", false)] // before 1 March 2024 Almaty time was UTC+6
    [InlineData("2024-02-10T18:00:00Z", true)]
    public void Deadlines_are_in_Kazakhstan_time(string received, bool late)
    {
        var month = DateTimeOffset.Parse(received).Month == 3 ? new Month(2025, 2) : new Month(2024, 1);

        Assert.Equal(late, ReportDeadline.Default.IsLate(month, DateTimeOffset.Parse(received)));
    }
    [Fact]
    public void The_processing_states_are_content_of_the_report_but_their_wording_is_not()
    {
        var licences = new[] { Licence("KZ-DM-0001") };
        AssessmentSummary[] assessments = [Summary("KZ-DM-0001", 100m, (new Month(2025, 1), ReportKind.Consumption, Now))];
        QuarterlyReport Build(ProcessingState? processing) =>
            QuarterlyReportBuilder.Build(Q, licences, "r1", assessments, [], [], RuleSet.Default, ReportDeadline.Default, Now, processing: processing);
        var march = new Month(2025, 3);
        SourceCoverage Pools(SourceState state, string error) =>
            new(march, FindingSource.Pools, state, new TextKey("reconcile.detail.unavailable", "error").With(("error", error)));
        var failed = new FailedWork(new TextKey("work.unit", "kind", "target").With(("kind", "reconcile"), ("target", "2025-03/pools")), null);

        var none = Build(null);
        var down = Build(new ProcessingState([Pools(SourceState.Unavailable, "HTTP 503 after 4 attempts")], []));

        Assert.Equal(none.Fingerprint, Build(ProcessingState.None).Fingerprint);
        Assert.NotEqual(none.Fingerprint, down.Fingerprint);
        // Another day's error text for the same state: the same report.
        Assert.Equal(down.Fingerprint, Build(new ProcessingState([Pools(SourceState.Unavailable, "timed out after 60 s")], [])).Fingerprint);
        Assert.NotEqual(down.Fingerprint, Build(new ProcessingState([Pools(SourceState.Partial, "HTTP 503 after 4 attempts")], [])).Fingerprint);
        Assert.NotEqual(down.Fingerprint, Build(new ProcessingState([Pools(SourceState.Unavailable, "HTTP 503 after 4 attempts")], [failed])).Fingerprint);
        Assert.Equal(SourceState.Unavailable, Assert.Single(down.Processing.Coverage).State);
    }
}
