using Reporting.Domain.Text;

namespace Reporting.Excel.Consolidation;

/// <summary>The words of the committee's consolidated workbook and CSV: sheet names, column headers, the About sheet.</summary>
public static class ReportTexts
{
    public static readonly TextKey Title = new("report.title", "quarter");
    public static readonly TextKey Author = new("report.author");

    public static readonly TextKey SheetSummary = new("report.sheet.summary");
    public static readonly TextKey SheetViolations = new("report.sheet.violations");
    public static readonly TextKey SheetFindings = new("report.sheet.findings");
    public static readonly TextKey SheetMissing = new("report.sheet.missing");
    public static readonly TextKey SheetLate = new("report.sheet.late");
    public static readonly TextKey SheetAbout = new("report.sheet.about");

    public static readonly TextKey Licence = new("report.column.licence");
    public static readonly TextKey Bin = new("report.column.bin");
    public static readonly TextKey Company = new("report.column.company");
    public static readonly TextKey Subtype = new("report.column.subtype");
    public static readonly TextKey Zone = new("report.column.zone");
    public static readonly TextKey KwhTotal = new("report.column.kwh-total");
    public static readonly TextKey KwhOfSource = new("report.column.kwh-of-source", "source");
    public static readonly TextKey GridQuotaKwh = new("report.column.grid-quota-kwh");
    public static readonly TextKey QuotaStatus = new("report.column.quota-status");
    public static readonly TextKey FeeBasis = new("report.column.fee-basis");
    public static readonly TextKey FeeDue = new("report.column.fee-due");
    public static readonly TextKey FeeStatus = new("report.column.fee-status");
    public static readonly TextKey RequiredSaleShare = new("report.column.required-sale-share");
    public static readonly TextKey SaleShare = new("report.column.sale-share");
    public static readonly TextKey SaleStatus = new("report.column.sale-status");
    public static readonly TextKey ConsumptionReports = new("report.column.consumption-reports");
    public static readonly TextKey SalesReports = new("report.column.sales-reports");
    public static readonly TextKey LateReports = new("report.column.late-reports");
    public static readonly TextKey Violations = new("report.column.violations");
    public static readonly TextKey Warnings = new("report.column.warnings");
    public static readonly TextKey Findings = new("report.column.findings");
    public static readonly TextKey Status = new("report.column.status");
    public static readonly TextKey Period = new("report.column.period");
    public static readonly TextKey Month = new("report.column.month");
    public static readonly TextKey Report = new("report.column.report");
    public static readonly TextKey Code = new("report.column.code");
    public static readonly TextKey Severity = new("report.column.severity");
    public static readonly TextKey Subject = new("report.column.subject");
    public static readonly TextKey Figures = new("report.column.figures");
    public static readonly TextKey Message = new("report.column.message");
    public static readonly TextKey Rule = new("report.column.rule");
    public static readonly TextKey SourceUpload = new("report.column.source-upload");
    public static readonly TextKey IndependentSource = new("report.column.independent-source");
    public static readonly TextKey Due = new("report.column.due");
    public static readonly TextKey Received = new("report.column.received");
    public static readonly TextKey DaysLate = new("report.column.days-late");
    public static readonly TextKey Upload = new("report.column.upload");
    public static readonly TextKey UploadId = new("report.column.upload-id");
    public static readonly TextKey Sha256 = new("report.column.sha256");

    public static readonly TextKey Total = new("report.total");
    public static readonly TextKey TotalLicences = new("report.total.licences", "count");
    public static readonly TextKey TotalRateUnverified = new("report.total.rate-unverified", "count");
    public static readonly TextKey NoReports = new("report.no-reports");
    public static readonly TextKey NoConsumptionReport = new("report.no-consumption-report");

    public static readonly TextKey AboutReport = new("report.about.report");
    public static readonly TextKey AboutQuarter = new("report.about.quarter");
    public static readonly TextKey AboutGeneratedAt = new("report.about.generated-at");
    public static readonly TextKey AboutRuleVersions = new("report.about.rule-versions");
    public static readonly TextKey AboutRegistryVersion = new("report.about.registry-version");
    public static readonly TextKey AboutDeclarationDue = new("report.about.declaration-due");
    public static readonly TextKey AboutPaymentDue = new("report.about.payment-due");
    public static readonly TextKey AboutReportsDue = new("report.about.reports-due");
    public static readonly TextKey AboutReportsDueValue = new("report.about.reports-due-value", "day", "time");
    public static readonly TextKey AboutLicences = new("report.about.licences");
    public static readonly TextKey AboutConsumptionReports = new("report.about.consumption-reports");
    public static readonly TextKey AboutSalesReports = new("report.about.sales-reports");
    public static readonly TextKey AboutMissingReports = new("report.about.missing-reports");
    public static readonly TextKey AboutLateReports = new("report.about.late-reports");
    public static readonly TextKey AboutViolations = new("report.about.violations");
    public static readonly TextKey AboutWarnings = new("report.about.warnings");
    public static readonly TextKey AboutFindings = new("report.about.findings");
    public static readonly TextKey AboutFeeTotal = new("report.about.fee-total");
    public static readonly TextKey AboutRateUnverified = new("report.about.rate-unverified");
    public static readonly TextKey AboutFingerprint = new("report.about.fingerprint");
    public static readonly TextKey AboutNotConfirmed = new("report.about.not-confirmed");
    public static readonly TextKey AboutNotConfirmedNone = new("report.about.not-confirmed-none");
    public static readonly TextKey AboutNotConfirmedList = new("report.about.not-confirmed-list", "rules");
    public static readonly TextKey AboutInputs = new("report.about.inputs");
    public static readonly TextKey AboutCoverage = new("report.about.coverage");
    public static readonly TextKey AboutSource = new("report.about.source");
    public static readonly TextKey AboutSourceState = new("report.about.source-state");
    public static readonly TextKey AboutSourceDetail = new("report.about.source-detail");
    public static readonly TextKey AboutFailedWork = new("report.about.failed-work");
    public static readonly TextKey AboutUnit = new("report.about.unit");
    public static readonly TextKey AboutReason = new("report.about.reason");
}
