using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// The checks that need the upload's place and time (docs/storage.md, step 2): a report is for a month that
/// has begun (`period-in-future`) and that the rules cover (`period-not-covered`, from 2022-01), under its
/// own licence's folder (`licence-path-mismatch`, ignoring letter case).
/// </summary>
public sealed class UploadChecksTests
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Month April2025 = new(2025, 4);

    private static MonthReportParseResult Parsed(Month period, string licence = Licence) =>
        new MonthReportParser(new WorkbookLimits()).Parse(new MemoryStream(MonthReportWriter.ToBytes(new ConsumptionReport(
            new ReportHeader(ReportKind.Consumption, licence, "080240012341", "Ekibastuz Hash LLP", period, "1.0"),
            [new ConsumptionRow(2, "Site", "M-1", EnergySource.Renewable, 10m, null)]))));

    private static IReadOnlyList<ValidationIssue> Check(Month period, Month current, string folder = Licence, string licence = Licence) =>
        UploadChecks.For(Parsed(period, licence), folder, $"{folder}/report.xlsx", current, RuleSet.Default);

    [Fact]
    public void A_problem_is_marked_on_the_report_sheet_under_the_name_the_file_gives_it()
    {
        var russian = new MonthReportParser(new WorkbookLimits()).Parse(new MemoryStream(MonthReportWriter.ToBytes(new ConsumptionReport(
            new ReportHeader(ReportKind.Consumption, Licence, "080240012341", "Ekibastuz Hash LLP", new Month(2025, 5), "1.0"),
            [new ConsumptionRow(2, "Site", "M-1", EnergySource.Renewable, 10m, null)]), language: Reporting.Domain.Text.Language.Ru)));

        var issue = Assert.Single(UploadChecks.For(russian, Licence, $"{Licence}/report.xlsx", April2025, RuleSet.Default));

        Assert.Equal((IssueCodes.PeriodInFuture.Code, "Отчет"), (issue.Code, issue.Sheet)); // the Russian sheet as written (not "Report")
    }

    [Fact]
    public void The_current_month_may_be_reported()
    {
        Assert.Empty(Check(April2025, current: April2025));
    }

    [Theory]
    [InlineData(2025, 5)]
    [InlineData(2026, 1)]
    public void A_month_after_the_current_one_is_in_the_future(int year, int month)
    {
        var issue = Assert.Single(Check(new Month(year, month), current: April2025));

        Assert.Equal((IssueCodes.PeriodInFuture, Severity.Error, "Report", "B5", new Month(year, month).ToString()), (issue.Code, issue.Severity, issue.Sheet, issue.Cell, issue.Value));
    }

    [Fact]
    public void The_first_month_the_rules_cover_is_accepted_and_the_month_before_is_not_covered()
    {
        Assert.Empty(Check(new Month(2022, 1), current: April2025));

        var issue = Assert.Single(Check(new Month(2021, 12), current: April2025));
        Assert.Equal((IssueCodes.PeriodNotCovered, Severity.Error, "Report", "B5", "2021-12"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell, issue.Value));
    }

    [Fact]
    public void The_licence_folder_matches_ignoring_letter_case_and_another_licence_is_a_mismatch()
    {
        Assert.Empty(Check(April2025, April2025, folder: "kz-dm-0016"));

        var issue = Assert.Single(Check(April2025, April2025, folder: "KZ-DM-0001"));
        Assert.Equal((IssueCodes.LicencePathMismatch, "Report", "B2", Licence), (issue.Code, issue.Sheet, issue.Cell, issue.Value));
    }

    [Fact]
    public void A_plain_name_outside_any_folder_belongs_to_no_licence()
    {
        var issue = Assert.Single(UploadChecks.For(Parsed(April2025), null, "report.xlsx", April2025, RuleSet.Default));

        Assert.Equal((IssueCodes.LicencePathMismatch, Severity.Error, null), (issue.Code, issue.Severity, issue.Cell));
    }
}
