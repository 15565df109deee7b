using Reporting.Domain.Text;

namespace Reporting.Web.Text;

/// <summary>
/// The words of the State Revenue Committee's pages (catalogue part Text/committee.{kk,ru,en}.json in Reporting.Domain).
/// Section headings and column names the workbook's Overview sheet has already come from its part (OverviewTexts).
/// </summary>
public static class CommitteeTexts
{
    public static readonly TextKey HomeLink = new("committee.home-link");
    public static readonly TextKey ReadOnly = new("committee.read-only");
    public static readonly TextKey FeeNote = new("committee.fee-note");
    public static readonly TextKey ChartsNeedScript = new("committee.charts-need-script");
    public static readonly TextKey BackToQuarters = new("committee.back-to-quarters");
    public static readonly TextKey ShowList = new("committee.show-list", "count");

    public static readonly TextKey QuartersHeading = new("committee.quarters.heading");
    public static readonly TextKey QuartersCaption = new("committee.quarters.caption");
    public static readonly TextKey QuartersNone = new("committee.quarters.none");
    public static readonly TextKey TrendHeading = new("committee.trend.heading");
    public static readonly TextKey TrendFee = new("committee.trend.fee");
    public static readonly TextKey TrendKwh = new("committee.trend.kwh");
    public static readonly TextKey TrendCompliance = new("committee.trend.compliance");
    public static readonly TextKey NoSnapshot = new("committee.no-snapshot");

    public static readonly TextKey QuarterHeading = new("committee.quarter.heading", "quarter");
    public static readonly TextKey QuarterVersion = new("committee.quarter.version", "version", "at", "rules", "registry");

    public static readonly TextKey ColumnQuarter = new("committee.column.quarter");
    public static readonly TextKey ColumnFigure = new("committee.column.figure");
    public static readonly TextKey ColumnValue = new("committee.column.value");
    public static readonly TextKey ColumnFeeDue = new("committee.column.fee-due");
    public static readonly TextKey ColumnViolations = new("committee.column.violations");
    public static readonly TextKey ColumnMissing = new("committee.column.missing");
    public static readonly TextKey ColumnLate = new("committee.column.late");
    public static readonly TextKey ColumnVersion = new("committee.column.version");
    public static readonly TextKey ColumnSaleRate = new("committee.column.sale-rate");
    public static readonly TextKey ColumnQuotaRate = new("committee.column.quota-rate");
    public static readonly TextKey ColumnDue = new("committee.column.due");
    public static readonly TextKey ColumnDaysLate = new("committee.column.days-late");
    public static readonly TextKey ColumnFinding = new("committee.column.finding");
    public static readonly TextKey ColumnPublished = new("committee.column.published");
    public static readonly TextKey ColumnFiles = new("committee.column.files");
    public static readonly TextKey ColumnChanges = new("committee.column.changes");
    public static readonly TextKey ColumnBefore = new("committee.column.before");
    public static readonly TextKey ColumnAfter = new("committee.column.after");
    public static readonly TextKey ColumnChange = new("committee.column.change");

    public static readonly TextKey HeadlineFeeDue = new("committee.headline.fee-due");
    public static readonly TextKey HeadlineRateUnverified = new("committee.headline.rate-unverified");
    public static readonly TextKey HeadlineKwh = new("committee.headline.kwh");
    public static readonly TextKey HeadlineViolations = new("committee.headline.violations");
    public static readonly TextKey HeadlineWarnings = new("committee.headline.warnings");
    public static readonly TextKey HeadlineMissing = new("committee.headline.missing");
    public static readonly TextKey HeadlineLate = new("committee.headline.late");
    public static readonly TextKey HeadlineFindings = new("committee.headline.findings");

    public static readonly TextKey ChartFeeComparison = new("committee.chart.fee-comparison");
    public static readonly TextKey SectionMissing = new("committee.section.missing");
    public static readonly TextKey SectionLate = new("committee.section.late");
    public static readonly TextKey SectionFindings = new("committee.section.findings");
    public static readonly TextKey SectionVersions = new("committee.section.versions");

    public static readonly TextKey DownloadWorkbook = new("committee.download.workbook");
    public static readonly TextKey DownloadCsv = new("committee.download.csv");
    public static readonly TextKey ChangesFirst = new("committee.changes.first");
    public static readonly TextKey ChangesNoFigure = new("committee.changes.no-figure");
    public static readonly TextKey ChangesRules = new("committee.changes.rules");
    public static readonly TextKey ChangesRegistry = new("committee.changes.registry");
    public static readonly TextKey ChangesUnknown = new("committee.changes.unknown");
    public static readonly TextKey ChangesLicences = new("committee.changes.licences", "version");
    public static readonly TextKey ChangeAdded = new("committee.change.added");
    public static readonly TextKey ChangeRemoved = new("committee.change.removed");
    public static readonly TextKey ChangeChanged = new("committee.change.changed");
    public static readonly TextKey HeadlineLicences = new("committee.headline.licences");
}
