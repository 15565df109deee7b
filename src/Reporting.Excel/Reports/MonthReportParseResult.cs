using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reports;

/// <summary>
/// What parsing a miner's workbook produced: the report when the file has no errors, and always the
/// validation report. Kind, licence and period are filled in as far as they could be read, even from
/// a rejected file, so the rejection can be filed under the right licence and month.
/// </summary>
public sealed record MonthReportParseResult(
    MonthReport? Report,
    ValidationReport Validation,
    ReportKind? Kind,
    string? Licence,
    Month? Period,
    string? Bin,
    string? Company)
{
    /// <summary>Where the Report sheet holds the licence and the period (e.g. "B2"), when found.</summary>
    public string? LicenceCell { get; init; }
    public string? PeriodCell { get; init; }

    /// <summary>The Report sheet's name as the file has it, when found (its language is the file's).</summary>
    public string? ReportSheetName { get; init; }

    public bool IsValid => Report is not null && Validation.IsValid;
}
