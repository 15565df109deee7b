using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;

namespace Reporting.Excel.Reports;

/// <summary>
/// Turns a miner's workbook into a typed month report, or a validation report listing every problem
/// of the file in one pass. Bad input never throws: a hostile or broken file is a rejection with a stable
/// code. Only what the checks foresee is a rejection; any other exception is a bug and propagates, so the
/// host logs it and retries the upload after the fix instead of rejecting the miner's file for good.
/// Reads the file as a stream, so memory does not grow with the size of the sheets.
/// </summary>
public sealed class MonthReportParser(WorkbookLimits limits)
{
    public WorkbookLimits Limits { get; } = limits;

    public MonthReportParseResult Parse(Stream workbook)
    {
        try
        {
            return ParseChecked(workbook);
        }
        catch (Exception e) when (XlsxPackage.IsDamage(e))
        {
            // A part damaged in a way the structure checks could not see (a corrupt deflate stream inside a sheet).
            var issues = new IssueCollector(Limits.MaxIssues);
            issues.Add(ValidationIssue.Error(IssueCodes.NotAWorkbook.With(("reason", MessageValue.Term(ReadingTexts.PartNotXml)))));
            return new MonthReportParseResult(null, issues.ToReport(), null, null, null, null, null);
        }
    }

    private MonthReportParseResult ParseChecked(Stream workbook)
    {
        var issues = new IssueCollector(Limits.MaxIssues);
        var open = XlsxPackage.Open(workbook, Limits);
        if (open.Package is null)
        {
            issues.Add(open.Rejection!);
            return new MonthReportParseResult(null, issues.ToReport(), null, null, null, null, null);
        }

        using var package = open.Package;
        var fields = new ReportFields(null, null, null, null, null, null);
        MonthReport? report = null;
        try
        {
            fields = ReportSheetReader.Read(package, issues, Limits.MaxRows);
            var kind = fields.Kind ?? InferKind(package);
            switch (kind)
            {
                case ReportKind.Consumption:
                    var consumption = ConsumptionSheetReader.Read(package, issues, Limits.MaxRows);
                    if (!issues.HasErrors) report = new ConsumptionReport(Header(fields, kind.Value), consumption);
                    break;
                case ReportKind.Sales:
                    var mined = SalesSheetReader.ReadMined(package, issues, Limits.MaxRows, fields.Period);
                    var sold = SalesSheetReader.ReadSold(package, issues, Limits.MaxRows, fields.Period);
                    if (!issues.HasErrors) report = new SalesReport(Header(fields, kind.Value), mined, sold);
                    break;
            }

            fields = fields with { Kind = kind };
        }
        catch (WorkbookRejectedException e)
        {
            issues.Add(e.Issue);
            report = null;
        }

        return new MonthReportParseResult(issues.HasErrors ? null : report, issues.ToReport(),
            fields.Kind, fields.Licence, fields.Period, fields.Bin, fields.Company)
        {
            LicenceCell = fields.LicenceCell,
            PeriodCell = fields.PeriodCell,
            ReportSheetName = fields.SheetName,
        };
    }

    /// <summary>When the type label is missing or wrong, the sheets tell which report the file is meant to be.</summary>
    private static ReportKind? InferKind(XlsxPackage package)
    {
        if (package.FindSheet(ReportContract.ConsumptionSheet) is not null) return ReportKind.Consumption;
        if (package.FindSheet(ReportContract.MinedSheet) is not null || package.FindSheet(ReportContract.SoldSheet) is not null) return ReportKind.Sales;
        return null;
    }

    private static ReportHeader Header(ReportFields fields, ReportKind kind) =>
        new(kind, fields.Licence!, fields.Bin!, fields.Company!, fields.Period!.Value, fields.TemplateVersion);
}
