using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Tests;

/// <summary>
/// What changed between two versions of a quarter's report, from two reports written out by hand:
/// <code>
/// licence  version 1                  version 2
/// KZ-A     100 kWh, fee 500, compliant  100 kWh, fee 500, compliant   (unchanged: not listed)
/// KZ-B     200 kWh, fee 1,000, late     260 kWh, fee 1,300, violations
/// KZ-C     50 kWh, fee 250, compliant   (gone: a registry correction)
/// kz-d     -                            (new) 40 kWh, no fee (rate unverified)
/// </code>
/// Totals: fee 1,750 → 1,800, kWh 350 → 400, licences 3 → 3, violations 0 → 2, missing 1 → 0, late 1 → 0.
/// </summary>
public sealed class ReportChangesTests
{
    private static readonly Quarter Q = new(2025, 1);

    private static SummaryRow Row(string licence, decimal kwh, decimal? fee, LicenceQuarterStatus status) => new(
        licence, null, licence + " LLP", LicenceSubtype.I, Zone.North,
        EnergySources.All.ToDictionary(s => s, s => s == EnergySource.Grid ? kwh : 0m), kwh, null, null, [], null, fee, null, null, null, 3, 3, 3, 0, 0, 0, 0, status);

    private static QuarterlyReport Report(string registry, SummaryRow[] rows, int violations, int missing, int late)
    {
        var totals = new SummaryTotals(rows.Length, EnergySources.All.ToDictionary(s => s, s => s == EnergySource.Grid ? rows.Sum(r => r.KwhTotal) : 0m),
            rows.Sum(r => r.KwhTotal), null, rows.Sum(r => r.FeeKzt ?? 0), 0, 9, 9, late, violations, 0, 0);
        var deadline = ReportDeadline.Default;
        MissingReport[] missingReports = [.. Enumerable.Range(0, missing).Select(_ => new MissingReport("KZ-B", null, Q.FirstMonth, ReportKind.Sales, deadline.DueAt(Q.FirstMonth)))];
        return new QuarterlyReport(Q, DateTimeOffset.UnixEpoch, ["rules-1"], registry, null, null, deadline, rows, totals, [], [], missingReports, [], [], registry);
    }

    private static readonly QuarterlyReport First = Report("registry-1",
        [Row("KZ-A", 100, 500, LicenceQuarterStatus.Compliant), Row("KZ-B", 200, 1000, LicenceQuarterStatus.LateReports), Row("KZ-C", 50, 250, LicenceQuarterStatus.Compliant)],
        violations: 0, missing: 1, late: 1);

    private static readonly QuarterlyReport Second = Report("registry-2",
        [Row("KZ-A", 100, 500, LicenceQuarterStatus.Compliant), Row("KZ-B", 260, 1300, LicenceQuarterStatus.Violations), Row("kz-d", 40, null, LicenceQuarterStatus.RateUnverified)],
        violations: 2, missing: 0, late: 0);

    [Fact]
    public void Totals_are_compared_later_against_earlier()
    {
        var changes = ReportChanges.Between(First, Second);

        Assert.Equal(new FigureChange(1800, 1750), changes.FeeKzt);
        Assert.Equal(new FigureChange(400, 350), changes.KwhTotal);
        Assert.Equal(new FigureChange(3, 3), changes.Licences);
        Assert.Equal(new FigureChange(2, 0), changes.Violations);
        Assert.Equal(new FigureChange(0, 1), changes.MissingReports);
        Assert.Equal(new FigureChange(0, 1), changes.LateReports);
        Assert.Equal(50, changes.FeeKzt.Absolute);
        Assert.True(changes.RegistryChanged);
        Assert.False(changes.RulesChanged);
        Assert.False(changes.NoFigureChanged);
    }

    [Fact]
    public void Every_licence_whose_line_differs_is_listed_once_in_licence_order_and_unchanged_ones_are_not()
    {
        var changes = ReportChanges.Between(First, Second);

        Assert.Equal(
        [
            new LicenceChange("KZ-B", "KZ-B LLP", LicenceChangeKind.Changed, 1000, 1300, 200, 260, LicenceQuarterStatus.LateReports, LicenceQuarterStatus.Violations),
            new LicenceChange("KZ-C", "KZ-C LLP", LicenceChangeKind.Removed, 250, null, 50, null, LicenceQuarterStatus.Compliant, null),
            new LicenceChange("kz-d", "kz-d LLP", LicenceChangeKind.Added, null, null, null, 40, null, LicenceQuarterStatus.RateUnverified),
        ], changes.LicenceChanges);
    }

    [Fact]
    public void A_status_change_alone_is_a_change_and_a_report_against_itself_changes_nothing()
    {
        var statusOnly = Report("registry-1",
            [Row("KZ-A", 100, 500, LicenceQuarterStatus.Warnings), Row("KZ-B", 200, 1000, LicenceQuarterStatus.LateReports), Row("KZ-C", 50, 250, LicenceQuarterStatus.Compliant)],
            violations: 0, missing: 1, late: 1);

        var change = Assert.Single(ReportChanges.Between(First, statusOnly).LicenceChanges);
        var none = ReportChanges.Between(First, First);

        Assert.Equal(("KZ-A", LicenceChangeKind.Changed, LicenceQuarterStatus.Compliant, LicenceQuarterStatus.Warnings), (change.Licence, change.Kind, change.StatusBefore, change.StatusAfter));
        Assert.True(none.NoFigureChanged);
        Assert.False(none.RegistryChanged);
    }

    [Fact]
    public void Versions_of_two_quarters_do_not_compare()
    {
        var other = First with { Quarter = Q.Next };

        Assert.Throws<ArgumentException>(() => ReportChanges.Between(First, other));
    }
}
