using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;
using static Reporting.Excel.Tests.ConsolidatedReportFixture;

namespace Reporting.Excel.Tests;

/// <summary>
/// The Overview sheet and the print set-up, read back with independent readers: ClosedXML for cells and print settings,
/// the raw package (zip and XML) for the chart parts. Expected figures are those of <see cref="ConsolidatedReportFixture"/>,
/// worked out by hand there.
/// </summary>
public sealed class OverviewSheetTests
{
    private static readonly byte[] English = QuarterlyReportWriter.ToWorkbook(Report(), Language.En);

    [Fact]
    public void The_overview_is_the_first_sheet_and_its_headline_figures_are_numbers_with_formats()
    {
        using var workbook = new XLWorkbook(new MemoryStream(English));
        var sheet = workbook.Worksheets.First();

        Assert.Equal("Overview", sheet.Name);
        Assert.Equal("Digital mining fee: consolidated report for Q1 2025", sheet.Cell("A1").GetString());
        (string Label, double Value, string Format)[] expected =
        [
            ("Fee due KZT", 2_542_000.75, "#,##0.00"), ("Licences with rate-unverified fee", 0, "#,##0"), ("kWh total", 1_291_000.625, "#,##0.000"),
            ("Licences active in the quarter", 3, "#,##0"), ("Licences that filed reports", 2, "#,##0"), ("Violations", 1, "#,##0"), ("Warnings", 1, "#,##0"),
            ("Missing reports", 5, "#,##0"), ("Late reports", 1, "#,##0"), ("Reconciliation findings", 2, "#,##0"),
        ];
        foreach (var (label, value, format) in expected)
        {
            var cell = sheet.Cell(RowOf(sheet, label), 2);
            Assert.Equal(XLDataType.Number, cell.DataType);
            Assert.Equal((label, value, format), (label, cell.GetDouble(), cell.Style.NumberFormat.Format));
        }
    }

    [Fact]
    public void The_comparison_shows_each_quarters_figures_and_changes_and_says_when_there_are_none()
    {
        using var workbook = new XLWorkbook(new MemoryStream(English));
        var sheet = workbook.Worksheet("Overview");

        // 2024-Q4: 2,000,000.00 KZT and 1,000,000.5 kWh against 2,542,000.75 KZT and 1,291,000.625 kWh.
        var previous = sheet.Row(RowOf(sheet, "Previous quarter: Q4 2024"));
        Assert.Equal([2_000_000.00, 542_000.75, 0.271000375, 1_000_000.5, 291_000.125], Enumerable.Range(2, 5).Select(c => previous.Cell(c).GetDouble()));
        Assert.Equal(291_000.125 / 1_000_000.5, previous.Cell(7).GetDouble(), 12);
        Assert.Equal(["+#,##0.00;-#,##0.00;0.00", "+0.0%;-0.0%;0.0%"], new[] { previous.Cell(3).Style.NumberFormat.Format, previous.Cell(4).Style.NumberFormat.Format });
        var thisQuarter = sheet.Row(RowOf(sheet, "This quarter: Q1 2025"));
        Assert.Equal((2_542_000.75, 1_291_000.625), (thisQuarter.Cell(2).GetDouble(), thisQuarter.Cell(5).GetDouble()));
        // No figures for 2024-Q1: said so, and nothing invented.
        var yearAgo = sheet.Row(RowOf(sheet, "Same quarter last year: Q1 2024"));
        Assert.Equal("no data", yearAgo.Cell(2).GetString());
        Assert.All(Enumerable.Range(3, 5), c => Assert.True(yearAgo.Cell(c).IsEmpty()));
    }

    [Fact]
    public void Totals_by_zone_and_subtype_compliance_top_miners_and_violations_are_listed()
    {
        using var workbook = new XLWorkbook(new MemoryStream(English));
        var sheet = workbook.Worksheet("Overview");

        Close([1, 1_000, 2_000, 2_000 / 2_542_000.75], Values(sheet.Row(RowOf(sheet, "North")), 2, 5));
        Close([1, 1_290_000.625, 2_540_000.75, 2_540_000.75 / 2_542_000.75], Values(sheet.Row(RowOf(sheet, "South")), 2, 5));
        Close([1, 0, 0, 0], Values(sheet.Row(RowOf(sheet, "West")), 2, 5));
        Close([2, 1_290_000.625, 2_540_000.75], Values(sheet.Row(RowOf(sheet, "II")), 2, 4));
        Close([1_251_000.125, 1_251_000.125 / 1_291_000.625], Values(sheet.Row(RowOf(sheet, "grid")), 2, 3));
        // Both licences that filed sales and consumption complied (KZ-DM-0003 filed nothing: in neither rate).
        Close([2, 2, 1], Values(sheet.Row(RowOf(sheet, "Mandatory sale on AIFC exchanges")), 2, 4));
        Close([2, 2, 1], Values(sheet.Row(RowOf(sheet, "Grid electricity within the quota")), 2, 4));
        // Months: January 4 on time; February 4 on time, 2 missing, 2 findings; March 2 on time, 1 late, 3 missing.
        Close([4, 0, 0, 0], Values(sheet.Row(RowOf(sheet, "January 2025")), 2, 5));
        Close([4, 0, 2, 2], Values(sheet.Row(RowOf(sheet, "February 2025")), 2, 5));
        Close([2, 1, 3, 0], Values(sheet.Row(RowOf(sheet, "March 2025")), 2, 5));

        var top = RowOf(sheet, "Largest fees due (first 10)") + 2;
        Assert.Equal(["KZ-DM-0002", "KZ-DM-0001"], new[] { sheet.Cell(top, 2).GetString(), sheet.Cell(top + 1, 2).GetString() });
        Assert.Equal("Turkestan Compute LLP", sheet.Cell(top, 1).GetString());
        Assert.Equal(2_540_000.75, sheet.Cell(top, 6).GetDouble());
        var violations = sheet.Row(RowOf(sheet, "Licences with violations") + 2);
        Assert.Equal(["Turkestan Compute LLP", "KZ-DM-0002", "1", "0", "violations", "quota-exceeded"], Enumerable.Range(1, 6).Select(c => violations.Cell(c).GetString()));
    }

    [Fact]
    public void Every_chart_series_refers_to_overview_cells_that_hold_its_cached_values()
    {
        using var workbook = new XLWorkbook(new MemoryStream(English));

        var charts = WorkbookCharts.OfSheet(English, 1);

        Assert.Equal(["pieChart", "barChart", "barChart"], charts.Select(c => c.Kind));
        Assert.Equal(["kWh by energy source", "Fee due by zone, KZT", "Monthly reports"], charts.Select(c => c.Title));
        var expected = new (string[] Categories, (string Name, double[] Values)[] Series)[]
        {
            (["grid", "import", "renewable", "own generation", "off-grid"], [("kWh", [1_251_000.125, 0, 40_000.5, 0, 0])]),
            (["North", "South", "West"], [("Fee due KZT", [2_000, 2_540_000.75, 0])]),
            (["January 2025", "February 2025", "March 2025"], [("Filed on time", [4, 4, 2]), ("Filed late", [0, 0, 1]), ("Not filed", [0, 2, 3])]),
        };
        foreach (var (chart, (categories, series)) in charts.Zip(expected))
        {
            Assert.Equal(series.Select(s => s.Name), chart.Series.Select(s => s.Name.Cache.Single()));
            foreach (var (part, (name, values)) in chart.Series.Zip(series))
            {
                Assert.All(new[] { part.Name, part.Categories, part.Values }, r => Assert.StartsWith("'Overview'!$", r.Formula, StringComparison.Ordinal));
                Assert.Equal(name, Cells(workbook, part.Name.Formula).Single().GetString());
                Assert.Equal(categories, part.Categories.Cache);
                Assert.Equal(categories, Cells(workbook, part.Categories.Formula).Select(c => c.GetString()));
                Assert.Equal(values, part.Values.Cache.Select(v => double.Parse(v, CultureInfo.InvariantCulture)));
                Assert.Equal(values, Cells(workbook, part.Values.Formula).Select(c => c.GetDouble()));
            }
        }
    }

    [Fact]
    public void The_chart_parts_are_declared_and_the_sheet_draws_them()
    {
        using var zip = new ZipArchive(new MemoryStream(English), ZipArchiveMode.Read);
        XNamespace types = "http://schemas.openxmlformats.org/package/2006/content-types";

        var overrides = WorkbookCharts.Part(zip, "[Content_Types].xml").Root!.Elements(types + "Override")
            .ToDictionary(o => (string)o.Attribute("PartName")!, o => (string)o.Attribute("ContentType")!);

        Assert.Equal("application/vnd.openxmlformats-officedocument.drawing+xml", overrides["/xl/drawings/drawing1.xml"]);
        Assert.All(Enumerable.Range(1, 3), i => Assert.Equal("application/vnd.openxmlformats-officedocument.drawingml.chart+xml", overrides[$"/xl/charts/chart{i}.xml"]));
        Assert.Equal(3, zip.Entries.Count(e => e.FullName.StartsWith("xl/charts/", StringComparison.Ordinal)));
        // Only the Overview has a drawing.
        Assert.Equal(["xl/worksheets/_rels/sheet1.xml.rels"], zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/_rels/", StringComparison.Ordinal)).Select(e => e.FullName));
    }

    [Fact]
    public void Every_sheet_prints_landscape_one_page_wide_with_its_header_row_and_the_footer()
    {
        var report = Report();
        using var workbook = new XLWorkbook(new MemoryStream(English));

        foreach (var sheet in workbook.Worksheets)
        {
            var setup = sheet.PageSetup;
            Assert.Equal((sheet.Name, XLPageOrientation.Landscape, XLPaperSize.A4Paper, 1, 0), (sheet.Name, setup.PageOrientation, setup.PaperSize, setup.PagesWide, setup.PagesTall));
            // About: its 20 facts, a blank row and the inputs' title, then the inputs' header.
            var header = sheet.Name == "About" ? 23 : 1;
            Assert.Equal((sheet.Name, header, header), (sheet.Name, setup.FirstRowToRepeatAtTop, setup.LastRowToRepeatAtTop));
            Assert.Equal($"Q1 2025 · generated 2025-04-20 08:00 · fingerprint {report.Fingerprint[..16]}", setup.Footer.Left.GetText(XLHFOccurrence.OddPages));
            Assert.Equal("&A · Page &P of &N", setup.Footer.Right.GetText(XLHFOccurrence.OddPages));
        }

        Assert.Equal("Input uploads (audit trail)", workbook.Worksheet("About").Cell(22, 1).GetString());
        Assert.Equal("Licence", workbook.Worksheet("About").Cell(23, 1).GetString());
    }

    [Theory] // Quarters are written with a no-break space before «г.» and «ж.» (glossary §0).
    [InlineData(Language.Ru, "Обзор", "I квартал 2025\u00A0г. · сформирован: 20.04.2025 08:00 · контрольная сумма: ", "&A · Страница &P из &N")]
    [InlineData(Language.Kk, "Шолу", "2025\u00A0ж. 1-тоқсан · қалыптастырылды: 20.04.2025 08:00 · бақылау сомасы: ", "&A · Бет: &P / &N")]
    public void In_russian_and_kazakh_the_sheet_its_chart_formulas_and_the_footer_are_in_that_language(Language language, string sheetName, string footer, string page)
    {
        var report = Report();
        var bytes = QuarterlyReportWriter.ToWorkbook(report, language);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));

        Assert.Equal(sheetName, workbook.Worksheets.First().Name);
        Assert.All(WorkbookCharts.OfSheet(bytes, 1).SelectMany(c => c.Series), s => Assert.StartsWith($"'{sheetName}'!$", s.Values.Formula, StringComparison.Ordinal));
        var charts = WorkbookCharts.OfSheet(bytes, 1);
        Assert.Equal(2_540_000.75, Cells(workbook, charts[1].Series[0].Values.Formula).ElementAt(1).GetDouble());
        Assert.Equal(footer + report.Fingerprint[..16], workbook.Worksheet(sheetName).PageSetup.Footer.Left.GetText(XLHFOccurrence.OddPages));
        Assert.Equal(page, workbook.Worksheet(sheetName).PageSetup.Footer.Right.GetText(XLHFOccurrence.OddPages));
    }

    [Fact]
    public void Without_any_comparison_both_earlier_quarters_say_no_data()
    {
        using var workbook = new XLWorkbook(new MemoryStream(QuarterlyReportWriter.ToWorkbook(Report(comparison: QuarterComparison.None), Language.En)));
        var sheet = workbook.Worksheet("Overview");

        foreach (var label in new[] { "Previous quarter: Q4 2024", "Same quarter last year: Q1 2024" })
        {
            var row = sheet.Row(RowOf(sheet, label));
            Assert.Equal("no data", row.Cell(2).GetString());
            Assert.Equal(2, row.LastCellUsed().Address.ColumnNumber);
        }
    }

    /// <summary>The row whose column A holds exactly this text (one such row).</summary>
    internal static int RowOf(IXLWorksheet sheet, string label) =>
        sheet.Column(1).CellsUsed().Single(c => c.GetString() == label).Address.RowNumber;

    /// <summary>Equal to 12 significant places: shares are written as exact decimals and read back as doubles.</summary>
    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        foreach (var (e, a) in expected.Zip(actual)) Assert.True(Math.Abs(e - a) <= Math.Abs(e) * 1e-12, $"expected {e}, read {a}");
    }

    private static double[] Values(IXLRow row, int from, int to) => Enumerable.Range(from, to - from + 1).Select(c => row.Cell(c).GetDouble()).ToArray();

    /// <summary>The cells a chart formula ('Sheet'!$A$1:$A$3) points at.</summary>
    private static IEnumerable<IXLCell> Cells(XLWorkbook workbook, string formula)
    {
        var bang = formula.LastIndexOf('!');
        var sheet = formula[..bang].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
        var address = formula[(bang + 1)..].Replace("$", "", StringComparison.Ordinal);
        return workbook.Worksheet(sheet).Range(address).Cells();
    }
}
