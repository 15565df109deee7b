using Reporting.Domain.Consolidation;
using Reporting.Domain.Registry;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;
using Reporting.Web.Text;

namespace Reporting.Web.Rendering;

/// <summary>
/// The committee's charts, each from the same overview figures as the table shown beside it (one computation shown twice),
/// labelled in the reader's language.
/// </summary>
public static class CommitteeCharts
{
    public static ChartSpec FeeComparison(Words words, QuarterOverview overview)
    {
        var quarters = new[] { overview.SameQuarterLastYear, overview.PreviousQuarter }.OfType<PeriodComparison>().OrderBy(c => c.Quarter).ToArray();
        var labels = quarters.Select(c => words.Format.Quarter(c.Quarter)).Append(words.Format.Quarter(overview.Quarter)).ToArray();
        var fees = quarters.Select(c => (decimal?)c.Fee.Compared).Append(overview.Headline.FeeDueKzt).ToArray();
        return new ChartSpec("bar", words[CommitteeTexts.ChartFeeComparison], labels, [new ChartSeries(words[CommitteeTexts.ColumnFeeDue], fees)]);
    }

    public static ChartSpec KwhBySource(Words words, QuarterOverview overview) => new("doughnut", words[OverviewTexts.SectionBySource],
        overview.KwhBySource.Select(s => words[Terms.Of(s.Source)]).ToArray(),
        [new ChartSeries(words[OverviewTexts.Kwh], overview.KwhBySource.Select(s => (decimal?)s.Kwh).ToArray())]);

    public static ChartSpec FeeByZone(Words words, QuarterOverview overview) => new("bar", words[OverviewTexts.ChartFeeByZone],
        overview.ByZone.Select(z => ZoneName(words, z.Key)).ToArray(),
        [new ChartSeries(words[CommitteeTexts.ColumnFeeDue], overview.ByZone.Select(z => (decimal?)z.FeeKzt).ToArray())]);

    public static ChartSpec ByMonth(Words words, QuarterOverview overview) => new("bar", words[OverviewTexts.SectionByMonth],
        overview.Months.Select(m => words.Format.Month(m.Month)).ToArray(),
        [
            new ChartSeries(words[OverviewTexts.OnTime], overview.Months.Select(m => (decimal?)m.OnTime).ToArray()),
            new ChartSeries(words[OverviewTexts.Late], overview.Months.Select(m => (decimal?)m.Late).ToArray()),
            new ChartSeries(words[OverviewTexts.Missing], overview.Months.Select(m => (decimal?)m.Missing).ToArray()),
        ], Stacked: true);

    /// <summary>Fee due (left axis) and kWh (right axis) of every quarter with a stored report, oldest first.</summary>
    public static ChartSpec TrendFeeAndKwh(Words words, IReadOnlyList<CommitteeQuarterRow> quarters)
    {
        var shown = quarters.Where(q => q.Overview is not null).ToArray();
        return new ChartSpec("line", words[CommitteeTexts.TrendHeading], shown.Select(q => words.Format.Quarter(q.Quarter)).ToArray(),
        [
            new ChartSeries(words[CommitteeTexts.TrendFee], shown.Select(q => (decimal?)q.Overview!.Headline.FeeDueKzt).ToArray()),
            new ChartSeries(words[CommitteeTexts.TrendKwh], shown.Select(q => (decimal?)q.Overview!.Headline.KwhTotal).ToArray(), "y1"),
        ]);
    }

    /// <summary>The two compliance rates per quarter, in per cent; a quarter where a rule applied to nobody has no point.</summary>
    public static ChartSpec TrendCompliance(Words words, IReadOnlyList<CommitteeQuarterRow> quarters)
    {
        var shown = quarters.Where(q => q.Overview is not null).ToArray();
        return new ChartSpec("line", words[CommitteeTexts.TrendCompliance], shown.Select(q => words.Format.Quarter(q.Quarter)).ToArray(),
        [
            new ChartSeries(words[OverviewTexts.MandatorySale], shown.Select(q => q.Overview!.Compliance.MandatorySale.Rate * 100).ToArray()),
            new ChartSeries(words[OverviewTexts.GridQuota], shown.Select(q => q.Overview!.Compliance.GridQuota.Rate * 100).ToArray()),
        ], Percent: true);
    }

    public static string ZoneName(Words words, Zone? zone) => zone is { } z ? words[Terms.Of(z)] : words[OverviewTexts.NotInRegistry];

    public static string SubtypeName(Words words, LicenceSubtype? subtype) => subtype is { } s ? words[Terms.Of(s)] : words[OverviewTexts.NotInRegistry];
}
