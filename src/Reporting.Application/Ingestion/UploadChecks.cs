using Reporting.Domain.Periods;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;

namespace Reporting.Application.Ingestion;

/// <summary>
/// Checks that need to know where and when a file was uploaded: a miner reports only under their own
/// licence's folder, for a month that has begun and that the rules cover.
/// </summary>
public static class UploadChecks
{
    public static IReadOnlyList<ValidationIssue> For(MonthReportParseResult parsed, string? folder, Month currentMonth, RuleSet rules)
    {
        var issues = new List<ValidationIssue>();
        if (folder is null)
        {
            issues.Add(ValidationIssue.Error(IssueCodes.LicencePathMismatch, null, null, null,
                "The file was uploaded outside any licence folder. Upload it under your licence's folder, e.g. KZ-DM-0016/2025-03-consumption.xlsx."));
        }
        else if (parsed.Licence is { } licence && !string.Equals(licence.Trim(), folder.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(ValidationIssue.Error(IssueCodes.LicencePathMismatch, ReportContract.ReportSheet, parsed.LicenceCell, licence,
                $"The workbook is for licence {licence} but was uploaded to the folder of licence {folder}. A licence may only report under its own folder."));
        }

        if (parsed.Period is { } period)
        {
            if (period > currentMonth)
            {
                issues.Add(ValidationIssue.Error(IssueCodes.PeriodInFuture, ReportContract.ReportSheet, parsed.PeriodCell, period.ToString(),
                    $"The period {period} has not begun yet (it is {currentMonth} in Kazakhstan). Check the Period."));
            }
            else if (period.Start < rules.CoverageFrom)
            {
                issues.Add(ValidationIssue.Error(IssueCodes.PeriodNotCovered, ReportContract.ReportSheet, parsed.PeriodCell, period.ToString(),
                    $"The period {period} is before {Month.Of(rules.CoverageFrom)}, the first month the digital mining fee rules cover."));
            }
        }

        return issues;
    }
}
