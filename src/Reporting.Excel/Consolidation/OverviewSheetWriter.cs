using Reporting.Domain.Consolidation;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Writing;
using static Reporting.Excel.Consolidation.QuarterlyReportWriter;

namespace Reporting.Excel.Consolidation;

/// <summary>
/// The consolidated workbook's first sheet: the <see cref="QuarterOverview"/> of the quarter as small tables (numbers
/// with formats) and three native charts drawn from those tables' cells: kWh by energy source, fee due by zone, and
/// the months' reports. Laid out in seven columns, so that it prints one landscape A4 page wide.
/// </summary>
internal static class OverviewSheetWriter
{
    private const string Integer = "#,##0";
    private const string MoneyChange = "+#,##0.00;-#,##0.00;0.00";
    private const string KwhChange = "+#,##0.000;-#,##0.000;0.000";
    private const string RelativeChange = "+0.0%;-0.0%;0.0%";
    private const string Dash = "—";

    /// <summary>Labels (long in Kazakh and Russian) in A, figures in B to G: about 160 characters in all.</summary>
    private static readonly double[] Widths = [48, 19, 19, 19, 19, 19, 19];

    /// <summary>The rows the charts take, between the comparison and the tables they draw.</summary>
    private const int ChartRows = 18;

    /// <summary>One colour per energy source, so that every reader draws the pie alike.</summary>
    private static readonly Dictionary<EnergySource, string> SourceFills = new()
    {
        [EnergySource.Grid] = "4472C4",
        [EnergySource.Import] = "ED7D31",
        [EnergySource.Renewable] = "70AD47",
        [EnergySource.OwnGeneration] = "FFC000",
        [EnergySource.OffGrid] = "7F7F7F",
    };

    public static void Write(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        var overview = QuarterOverview.Of(report);
        var name = words[OverviewTexts.Sheet];
        var rows = new Rows(writer.AddSheet(name, new XlsxSheetOptions(Widths, Print: print with { RepeatRowFrom = 1, RepeatRowTo = 1 })), cells, words);

        rows.Put(cells.Text(words.Render(ReportTexts.Title.With(("quarter", MessageValue.Quarter(report.Quarter)))), bold: true));
        rows.Put(cells.Text(words[ReportTexts.AboutGeneratedAt]), cells.Instant(report.GeneratedAt));
        WriteHeadline(rows, overview.Headline);
        WriteComparison(rows, report.Quarter, overview);

        // The charts sit in this band, drawn from the tables below it.
        var chartTop = rows.Skip(ChartRows) - ChartRows + 1;
        var zones = WriteGroups(rows, overview.ByZone, OverviewTexts.SectionByZone, ReportTexts.Zone, overview.Headline.FeeDueKzt);
        WriteGroups(rows, overview.BySubtype, OverviewTexts.SectionBySubtype, ReportTexts.Subtype, overview.Headline.FeeDueKzt);
        var sources = WriteSources(rows, overview.KwhBySource);
        var months = WriteMonths(rows, overview.Months);
        WriteCompliance(rows, overview.Compliance);
        WriteTopMiners(rows, overview.TopMiners);
        WriteViolations(rows, overview.LicencesWithViolations);

        rows.Sheet.AddCharts(Charts(new ChartCells(XlsxWriter.SheetReference(name)), words, overview, chartTop, zones, sources, months));
    }

    private static void WriteHeadline(Rows rows, OverviewHeadline h)
    {
        var cells = rows.Cells;
        rows.Section(OverviewTexts.SectionHeadline);
        (TextKey Label, XlsxCell Value)[] figures =
        [
            (ReportTexts.FeeDue, cells.Number(h.FeeDueKzt, Money)),
            (ReportTexts.AboutRateUnverified, cells.Number(h.FeeRateUnverified, Integer)),
            (ReportTexts.KwhTotal, cells.Number(h.KwhTotal, Kwh)),
            (OverviewTexts.LicencesActive, cells.Number(h.LicencesActive, Integer)),
            (OverviewTexts.LicencesReported, cells.Number(h.LicencesReported, Integer)),
            (ReportTexts.AboutViolations, cells.Number(h.Violations, Integer)),
            (ReportTexts.AboutWarnings, cells.Number(h.Warnings, Integer)),
            (ReportTexts.AboutMissingReports, cells.Number(h.MissingReports, Integer)),
            (ReportTexts.AboutLateReports, cells.Number(h.LateReports, Integer)),
            (ReportTexts.AboutFindings, cells.Number(h.Findings, Integer)),
        ];
        foreach (var (label, value) in figures) rows.Put(cells.Text(rows.Words[label]), value);
    }

    /// <summary>This quarter's fee and kWh, then each compared quarter's with the change, or "no data" when there is none.</summary>
    private static void WriteComparison(Rows rows, Domain.Periods.Quarter quarter, QuarterOverview overview)
    {
        var (cells, words) = (rows.Cells, rows.Words);
        rows.Section(OverviewTexts.SectionComparison);
        rows.Headers(ReportTexts.AboutQuarter, ReportTexts.FeeDue, OverviewTexts.FeeChange, OverviewTexts.FeeChangeShare, ReportTexts.KwhTotal, OverviewTexts.KwhChange,
            OverviewTexts.KwhChangeShare);
        XlsxCell Label(TextKey key, Domain.Periods.Quarter of) => cells.Text(words.Render(key.With(("quarter", MessageValue.Quarter(of)))));
        rows.Put(Label(OverviewTexts.ThisQuarter, quarter), cells.Number(overview.Headline.FeeDueKzt, Money), XlsxCell.Empty, XlsxCell.Empty,
            cells.Number(overview.Headline.KwhTotal, Kwh));
        foreach (var (key, other, comparison) in new[]
                 {
                     (OverviewTexts.PreviousQuarter, quarter.Previous, overview.PreviousQuarter),
                     (OverviewTexts.SameQuarterLastYear, QuarterComparison.YearBefore(quarter), overview.SameQuarterLastYear),
                 })
        {
            if (comparison is null)
            {
                rows.Put(Label(key, other), cells.Text(words[OverviewTexts.NoData]));
                continue;
            }

            rows.Put(Label(key, other), cells.Number(comparison.Fee.Compared, Money), cells.Number(comparison.Fee.Absolute, MoneyChange), Change(cells, comparison.Fee.Relative),
                cells.Number(comparison.Kwh.Compared, Kwh), cells.Number(comparison.Kwh.Absolute, KwhChange), Change(cells, comparison.Kwh.Relative));
        }

        if (overview.PreviousQuarter?.FeeIncomplete == true || overview.SameQuarterLastYear?.FeeIncomplete == true)
            rows.Put(cells.Text(words[OverviewTexts.FeeIncomplete]));
    }

    /// <summary>A table of totals by zone or subtype (a null key: licences not in the registry).</summary>
    private static TableRows WriteGroups<TKey>(Rows rows, IReadOnlyList<GroupTotals<TKey>> groups, TextKey section, TextKey keyHeader, decimal feeTotal)
        where TKey : struct, Enum
    {
        var (cells, words) = (rows.Cells, rows.Words);
        rows.Section(section);
        var header = rows.Headers(keyHeader, OverviewTexts.Licences, ReportTexts.KwhTotal, ReportTexts.FeeDue, OverviewTexts.FeeShare);
        foreach (var g in groups)
        {
            rows.Put(cells.Text(g.Key is { } key ? words[Terms.Of(key)] : words[OverviewTexts.NotInRegistry]), cells.Number(g.Licences, Integer),
                cells.Number(g.KwhTotal, Kwh), cells.Number(g.FeeKzt, Money), Share(cells, feeTotal == 0 ? null : g.FeeKzt / feeTotal));
        }

        return new TableRows(header, groups.Count);
    }

    private static TableRows WriteSources(Rows rows, IReadOnlyList<SourceKwh> sources)
    {
        rows.Section(OverviewTexts.SectionBySource);
        var header = rows.Headers(OverviewTexts.Source, OverviewTexts.Kwh, OverviewTexts.Share);
        foreach (var s in sources) rows.Put(rows.Cells.Text(rows.Words[Terms.Of(s.Source)]), rows.Cells.Number(s.Kwh, Kwh), Share(rows.Cells, s.Share));
        return new TableRows(header, sources.Count);
    }

    private static TableRows WriteMonths(Rows rows, IReadOnlyList<MonthActivity> months)
    {
        var cells = rows.Cells;
        rows.Section(OverviewTexts.SectionByMonth);
        var header = rows.Headers(ReportTexts.Month, OverviewTexts.OnTime, OverviewTexts.Late, OverviewTexts.Missing, ReportTexts.Findings);
        foreach (var m in months)
        {
            rows.Put(cells.Text(rows.Words.Format.Month(m.Month)), cells.Number(m.OnTime, Integer), cells.Number(m.Late, Integer), cells.Number(m.Missing, Integer),
                cells.Number(m.Findings, Integer));
        }

        return new TableRows(header, months.Count);
    }

    private static void WriteCompliance(Rows rows, ComplianceRates compliance)
    {
        var cells = rows.Cells;
        rows.Section(OverviewTexts.SectionCompliance);
        rows.Headers(OverviewTexts.Requirement, OverviewTexts.Met, OverviewTexts.Applicable, OverviewTexts.Rate);
        foreach (var (label, rate) in new[] { (OverviewTexts.MandatorySale, compliance.MandatorySale), (OverviewTexts.GridQuota, compliance.GridQuota) })
            rows.Put(cells.Text(rows.Words[label]), cells.Number(rate.Met, Integer), cells.Number(rate.Applicable, Integer), Share(cells, rate.Rate));
    }

    private static void WriteTopMiners(Rows rows, IReadOnlyList<MinerFee> miners)
    {
        var (cells, words) = (rows.Cells, rows.Words);
        rows.Section(words.Render(OverviewTexts.SectionTopMiners.With(("count", QuarterOverview.DefaultTopMiners))));
        rows.Headers(ReportTexts.Company, ReportTexts.Licence, ReportTexts.Zone, ReportTexts.Subtype, ReportTexts.KwhTotal, ReportTexts.FeeDue, OverviewTexts.FeeShare);
        if (miners.Count == 0) rows.Put(cells.Text(words[OverviewTexts.None]));
        foreach (var m in miners)
        {
            rows.Put(cells.Text(m.Company), cells.Text(m.Licence), cells.Text(m.Zone is { } z ? words[Terms.Of(z)] : null),
                cells.Text(m.Subtype is { } s ? words[Terms.Of(s)] : null), cells.Number(m.KwhTotal, Kwh), cells.Number(m.FeeKzt, Money), Share(cells, m.ShareOfFee));
        }
    }

    private static void WriteViolations(Rows rows, IReadOnlyList<LicenceViolations> licences)
    {
        var (cells, words) = (rows.Cells, rows.Words);
        rows.Section(OverviewTexts.SectionViolations);
        rows.Headers(ReportTexts.Company, ReportTexts.Licence, ReportTexts.Violations, ReportTexts.Warnings, ReportTexts.Status, OverviewTexts.Codes);
        if (licences.Count == 0) rows.Put(cells.Text(words[OverviewTexts.None]));
        foreach (var v in licences)
        {
            rows.Put(cells.Text(v.Company), cells.Text(v.Licence), cells.Number(v.Violations, Integer), cells.Number(v.Warnings, Integer),
                cells.Text(words[Terms.Of(v.Status)]), cells.Text(string.Join(", ", v.Codes)));
        }
    }

    /// <summary>kWh by source (pie), fee due by zone (columns), the months' reports (stacked columns), side by side in the chart band.</summary>
    private static XlsxChart[] Charts(ChartCells at, Words words, QuarterOverview overview, int top, TableRows zones, TableRows sources, TableRows months)
    {
        var language = LanguageTag(words.Language);
        var zoneLabels = overview.ByZone.Select(g => g.Key is { } key ? words[Terms.Of(key)] : words[OverviewTexts.NotInRegistry]).ToArray();
        var monthLabels = new ChartCategories(at.Column('A', months), overview.Months.Select(m => words.Format.Month(m.Month)).ToArray());
        ChartSeries MonthSeries(char column, TextKey header, Func<MonthActivity, int> value, string fill) =>
            new(at.Cell(column, months.Header), words[header], at.Column(column, months), overview.Months.Select(m => (decimal)value(m)).ToArray(), fill);
        XlsxChart Place(string title, DocumentFormat.OpenXml.Drawing.Charts.ChartSpace chart, int fromColumn, int toColumn) =>
            new(title, chart, new XlsxAnchor(fromColumn, top - 1), new XlsxAnchor(toColumn, top - 1 + ChartRows));

        var bySource = words[OverviewTexts.SectionBySource];
        var byZone = words[OverviewTexts.ChartFeeByZone];
        var byMonth = words[OverviewTexts.SectionByMonth];
        return
        [
            Place(bySource, OverviewCharts.Pie(bySource, language,
                new ChartCategories(at.Column('A', sources), overview.KwhBySource.Select(s => words[Terms.Of(s.Source)]).ToArray()),
                new ChartSeries(at.Cell('B', sources.Header), words[OverviewTexts.Kwh], at.Column('B', sources), overview.KwhBySource.Select(s => s.Kwh).ToArray(),
                    PointFills: overview.KwhBySource.Select(s => SourceFills[s.Source]).ToArray()), Kwh), 0, 2),
            Place(byZone, OverviewCharts.Columns(byZone, language, new ChartCategories(at.Column('A', zones), zoneLabels),
                [new ChartSeries(at.Cell('D', zones.Header), words[ReportTexts.FeeDue], at.Column('D', zones), overview.ByZone.Select(z => z.FeeKzt).ToArray(), "4472C4")],
                stacked: false, Integer), 2, 4),
            Place(byMonth, OverviewCharts.Columns(byMonth, language, monthLabels,
                [MonthSeries('B', OverviewTexts.OnTime, m => m.OnTime, "70AD47"), MonthSeries('C', OverviewTexts.Late, m => m.Late, "FFC000"),
                 MonthSeries('D', OverviewTexts.Missing, m => m.Missing, "C00000")],
                stacked: true, Integer), 4, 7),
        ];
    }

    /// <summary>A share as a number with a percent format, or a dash when there is nothing to take a share of.</summary>
    private static XlsxCell Share(ReportCells cells, decimal? share) => share is null ? cells.Text(Dash) : cells.Number(share, QuarterlyReportWriter.Share);

    private static XlsxCell Change(ReportCells cells, decimal? change) => change is null ? cells.Text(Dash) : cells.Number(change, RelativeChange);

    private static string LanguageTag(Language language) => language switch
    {
        Language.Kk => "kk-KZ",
        Language.Ru => "ru-RU",
        _ => "en-US",
    };

    /// <summary>A table's header row and the rows of its items after it.</summary>
    private readonly record struct TableRows(int Header, int Count)
    {
        public int First => Header + 1;
        public int Last => Header + Count;
    }

    /// <summary>References to the Overview's cells, as chart formulas write them ('Overview'!$A$10:$A$14).</summary>
    private sealed class ChartCells(string sheetReference)
    {
        public string Column(char column, TableRows rows) => $"{sheetReference}!${column}${rows.First}:${column}${rows.Last}";

        public string Cell(char column, int row) => $"{sheetReference}!${column}${row}";
    }

    /// <summary>Writes the sheet's rows one after another; a section starts after a blank row with its bold title.</summary>
    private sealed class Rows(XlsxWriter.SheetWriter sheet, ReportCells cells, Words words)
    {
        private int _row;

        public XlsxWriter.SheetWriter Sheet => sheet;

        public ReportCells Cells => cells;

        public Words Words => words;

        public int Put(params XlsxCell[] values)
        {
            sheet.WriteRow(++_row, values);
            return _row;
        }

        public int Headers(params TextKey[] keys)
        {
            sheet.WriteRowWithHeight(++_row, HeaderHeight, keys.Select(k => cells.Header(words[k])).ToArray());
            return _row;
        }

        public void Section(TextKey title) => Section(words[title]);

        public void Section(string title)
        {
            _row++;
            Put(cells.Text(title, bold: true));
        }

        /// <summary>Leaves rows empty; returns the last of them.</summary>
        public int Skip(int count) => _row += count;
    }
}
