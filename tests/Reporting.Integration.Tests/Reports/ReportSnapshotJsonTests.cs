using Reporting.Application.Reports;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reports;

/// <summary>
/// The report snapshot the committee's pages read is the report that was published, every part of it: written out by hand
/// here with a value in each kind of field (messages with arguments, figures, months, enums as dictionary keys, the
/// comparison, the processing state, the rules not confirmed), then written, read and written again.
/// </summary>
public sealed class ReportSnapshotJsonTests
{
    private static readonly Quarter Q = new(2025, 2);
    private static readonly Month May = new(2025, 5);

    private static QuarterlyReport Report()
    {
        var kwh = EnergySources.All.ToDictionary(s => s, s => s == EnergySource.Grid ? 1200.5m : s == EnergySource.Renewable ? 0.125m : 0m);
        var row = new SummaryRow("KZ-DM-0001", "080240012341", "«Steppe Hash» LLP", LicenceSubtype.II, Zone.South, kwh, 1200.625m, 1000m, QuotaStatus.Violated,
            [ViolationCodes.NoQuota.With(("month", MessageValue.Month(May)), ("grid_kwh", MessageValue.Kwh(5)))], FeeStatus.Assessed, 6003.13m, 0.75m, 0.5m,
            SaleStatus.BelowMinimum, 3, 3, 2, 1, 2, 1, 1, LicenceQuarterStatus.Violations);
        var totals = new SummaryTotals(1, kwh, 1200.625m, 1000m, 6003.13m, 0, 3, 2, 1, 2, 1, 1);
        var violation = new Violation(ViolationCodes.QuotaExceeded.With(("month", MessageValue.Month(May)), ("grid_kwh", MessageValue.Kwh(1200.5m)),
                ("quota_kwh", MessageValue.Kwh(1000)), ("excess_kwh", MessageValue.Kwh(200.5m))),
            Severity.Error, "KZ-DM-0001", "2025-05", null, [new Figure("grid_kwh", 1200.5m, "kWh"), new Figure("quota_kwh", 1000m, "kWh")], "quota@2025-01-01", "KZ-DM-0001/2025-05.xlsx");
        var finding = new Finding(FindingCodes.ConsumptionMismatch.With(("licence", "KZ-DM-0001"), ("reported", MessageValue.Kwh(1200.5m)), ("month", MessageValue.Month(May)),
                ("purchased", MessageValue.Kwh(1300)), ("difference", MessageValue.Kwh(99.5m))),
            "KZ-DM-0001", May, FindingKind.Consumption, null, [new Figure("purchased_kwh", 1300m, "kWh")], FindingSource.MarketOperator);
        var deadline = ReportDeadline.Default;
        return new QuarterlyReport(Q, new DateTimeOffset(2025, 7, 20, 3, 0, 0, TimeSpan.Zero), ["rules-2025.2"], "registry-7", new DateOnly(2025, 8, 15), new DateOnly(2025, 8, 25),
            deadline, [row], totals, [violation], [finding],
            [new MissingReport("KZ-DM-0001", "«Steppe Hash» LLP", new Month(2025, 6), ReportKind.Sales, deadline.DueAt(new Month(2025, 6)))],
            [new LateReport("KZ-DM-0001", null, May, ReportKind.Consumption, deadline.DueAt(May), deadline.DueAt(May).AddDays(2.5), "KZ-DM-0001/2025-05.xlsx")],
            [new ReportInput("KZ-DM-0001", May, ReportKind.Consumption, "abc123", "KZ-DM-0001/2025-05.xlsx", "0f0f", deadline.DueAt(May).AddDays(2.5))],
            "fingerprint-1")
        {
            NotConfirmedRules = [new RuleNote("fee.rates@2025-01-01", RuleStatus.Likely, "Tax Code art. 606-4")],
            Comparison = new QuarterComparison(new QuarterTotals(Q.Previous, 5000m, 1000m, 1), null),
            Processing = new ProcessingState(
                [new SourceCoverage(May, FindingSource.MarketOperator, SourceState.Partial, ViolationCodes.NoQuota.With(("month", MessageValue.Month(May)), ("grid_kwh", MessageValue.Kwh(1))))],
                [new FailedWork(FindingCodes.ReportMissing.With(("kind", "consumption"), ("licence", "KZ-DM-0001"), ("month", MessageValue.Month(May)), ("due", MessageValue.Instant(deadline.DueAt(May)))), null)]),
        };
    }

    [Fact]
    public void A_report_read_back_is_the_report_written_in_every_field()
    {
        var report = Report();
        var json = ReportSnapshotJson.Serialize(report);

        var read = ReportSnapshotJson.Deserialize(json);

        Assert.Equal(json, ReportSnapshotJson.Serialize(read));
        Assert.Equal((report.Quarter, report.GeneratedAt, report.Fingerprint, report.RegistryVersion, report.DeclarationDue, report.PaymentDue, report.Deadline),
            (read.Quarter, read.GeneratedAt, read.Fingerprint, read.RegistryVersion, read.DeclarationDue, read.PaymentDue, read.Deadline));
        var (row, readRow) = (report.Summary[0], read.Summary[0]);
        Assert.Equal(row.KwhBySource.OrderBy(k => k.Key), readRow.KwhBySource.OrderBy(k => k.Key));
        Assert.Equal((row.FeeKzt, row.KwhTotal, row.Status, row.SaleStatus, row.QuotaStatus, row.Zone, row.Subtype), (readRow.FeeKzt, readRow.KwhTotal, readRow.Status, readRow.SaleStatus, readRow.QuotaStatus, readRow.Zone, readRow.Subtype));
        Assert.Equal(row.FeeBasis[0].Say(), readRow.FeeBasis[0].Say());
        Assert.Equal(report.Violations[0].Message.Say(), read.Violations[0].Message.Say());
        Assert.Equal(report.Violations[0].Figures, read.Violations[0].Figures);
        Assert.Equal(report.Findings[0].Key, read.Findings[0].Key);
        Assert.Equal(report.Missing, read.Missing);
        Assert.Equal(report.Late, read.Late);
        Assert.Equal(report.Inputs, read.Inputs);
        Assert.Equal(report.NotConfirmedRules, read.NotConfirmedRules);
        Assert.Equal(report.Comparison, read.Comparison);
        Assert.Equal(report.Processing.Coverage[0].Detail!.Say(), read.Processing.Coverage[0].Detail!.Say());
        Assert.Equal(report.Processing.Failed[0].Unit.Say(), read.Processing.Failed[0].Unit.Say());
        Assert.Equal(QuarterOverview.Of(report).Headline, QuarterOverview.Of(read).Headline);
    }

    [Fact]
    public void Enums_and_periods_are_written_as_their_codes()
    {
        var text = System.Text.Encoding.UTF8.GetString(ReportSnapshotJson.Serialize(Report()));

        Assert.Contains("\"quarter\":\"2025-Q2\"", text, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"violations\"", text, StringComparison.Ordinal);
        Assert.Contains("\"grid\":1200.5", text, StringComparison.Ordinal);
        Assert.Contains("\"month\":\"2025-05\"", text, StringComparison.Ordinal);
    }
}
