using Reporting.Domain.Text;

namespace Reporting.Excel.Consolidation;

/// <summary>The words of the consolidated workbook's Overview sheet, its charts and every sheet's printed footer (catalogue part "overview").</summary>
public static class OverviewTexts
{
    public static readonly TextKey Sheet = new("overview.sheet");

    public static readonly TextKey SectionHeadline = new("overview.section.headline");
    public static readonly TextKey SectionComparison = new("overview.section.comparison");
    public static readonly TextKey SectionByZone = new("overview.section.by-zone");
    public static readonly TextKey SectionBySubtype = new("overview.section.by-subtype");
    public static readonly TextKey SectionBySource = new("overview.section.by-source");
    public static readonly TextKey SectionByMonth = new("overview.section.by-month");
    public static readonly TextKey SectionCompliance = new("overview.section.compliance");
    public static readonly TextKey SectionTopMiners = new("overview.section.top-miners", "count");
    public static readonly TextKey SectionViolations = new("overview.section.violations");

    public static readonly TextKey LicencesActive = new("overview.headline.licences-active");
    public static readonly TextKey LicencesReported = new("overview.headline.licences-reported");

    public static readonly TextKey ThisQuarter = new("overview.comparison.this-quarter", "quarter");
    public static readonly TextKey PreviousQuarter = new("overview.comparison.previous", "quarter");
    public static readonly TextKey SameQuarterLastYear = new("overview.comparison.year-ago", "quarter");
    public static readonly TextKey NoData = new("overview.comparison.no-data");
    public static readonly TextKey FeeIncomplete = new("overview.comparison.fee-incomplete");

    public static readonly TextKey MandatorySale = new("overview.compliance.mandatory-sale");
    public static readonly TextKey GridQuota = new("overview.compliance.grid-quota");

    public static readonly TextKey Licences = new("overview.column.licences");
    public static readonly TextKey Kwh = new("overview.column.kwh");
    public static readonly TextKey Share = new("overview.column.share");
    public static readonly TextKey FeeShare = new("overview.column.fee-share");
    public static readonly TextKey FeeChange = new("overview.column.fee-change");
    public static readonly TextKey FeeChangeShare = new("overview.column.fee-change-share");
    public static readonly TextKey KwhChange = new("overview.column.kwh-change");
    public static readonly TextKey KwhChangeShare = new("overview.column.kwh-change-share");
    public static readonly TextKey Source = new("overview.column.source");
    public static readonly TextKey OnTime = new("overview.column.on-time");
    public static readonly TextKey Late = new("overview.column.late");
    public static readonly TextKey Missing = new("overview.column.missing");
    public static readonly TextKey Requirement = new("overview.column.requirement");
    public static readonly TextKey Met = new("overview.column.met");
    public static readonly TextKey Applicable = new("overview.column.applicable");
    public static readonly TextKey Rate = new("overview.column.rate");
    public static readonly TextKey Codes = new("overview.column.codes");

    public static readonly TextKey None = new("overview.none");
    public static readonly TextKey NotInRegistry = new("overview.not-in-registry");

    public static readonly TextKey ChartFeeByZone = new("overview.chart.fee-by-zone");

    public static readonly TextKey PrintFooter = new("report.print.footer", "quarter", "generated", "fingerprint");
    public static readonly TextKey PrintPage = new("report.print.page", "page", "pages");
}
