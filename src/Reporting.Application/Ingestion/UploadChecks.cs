using Reporting.Domain.Periods;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;

namespace Reporting.Application.Ingestion;

/// <summary>
/// Checks that need to know where and when a file was uploaded: a miner reports only under their own
/// licence, for a month that has begun and that the rules cover.
/// </summary>
public static class UploadChecks
{
    public static IReadOnlyList<ValidationIssue> For(MonthReportParseResult parsed, string? folder, string blobName, Month currentMonth, RuleSet rules)
    {
        var issues = new List<ValidationIssue>();
        var reportSheet = ReportContract.ReportSheet.In(Language.En);
        if (folder is null)
        {
            // A name with path steps is already rejected as such; only a plain name at the root lacks a licence.
            if (Domain.Submissions.UploadIdentity.IsPlainName(blobName))
                issues.Add(ValidationIssue.Error(IssueCodes.LicencePathMismatchNoFolder.With(("example", $"KZ-DM-0016/{blobName}"))));
        }
        else if (parsed.Licence is { } licence && !string.Equals(licence.Trim(), folder.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(ValidationIssue.Error(IssueCodes.LicencePathMismatch.With(("licence", licence), ("folder", folder)), SheetOf(parsed, reportSheet), parsed.LicenceCell, licence));
        }

        if (parsed.Period is { } period)
        {
            if (period > currentMonth)
            {
                issues.Add(ValidationIssue.Error(IssueCodes.PeriodInFuture.With(("period", MessageValue.Month(period)), ("current", MessageValue.Month(currentMonth))),
                    SheetOf(parsed, reportSheet), parsed.PeriodCell, period.ToString()));
            }
            else if (period.Start < rules.CoverageFrom)
            {
                issues.Add(ValidationIssue.Error(IssueCodes.PeriodNotCovered.With(("period", MessageValue.Month(period)), ("first", MessageValue.Month(Month.Of(rules.CoverageFrom)))),
                    SheetOf(parsed, reportSheet), parsed.PeriodCell, period.ToString()));
            }
        }

        return issues;
    }

    /// <summary>The Report sheet's name as the file has it (a Russian file's «Отчет»), so the marks land on it.</summary>
    private static string SheetOf(MonthReportParseResult parsed, string fallback) => parsed.ReportSheetName ?? fallback;
}
