using Reporting.Domain.Text;
using Reporting.TestSupport;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Excel.Templates;
using Reporting.Excel.Writing;

namespace Reporting.Excel.Tests;

/// <summary>
/// Inputs at the edges of the contract: values people really type (dates in odd years, text dates, the 1904
/// date system) and structures crafted files can have. Each is a clear issue or a correct reading, never an exception.
/// </summary>
public sealed partial class UnusualInputTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());
    private static readonly ReportHeader Sales = new(ReportKind.Sales, "KZ-DM-0001", "080240012341", "Ekibastuz Hash LLP", new Month(2025, 3), "1.0");

    [Fact]
    public void A_period_date_in_a_year_no_report_can_have_is_an_invalid_period()
    {
        // "2025" typed into a date-formatted cell is the serial 2025: 1905-07-17.
        var bytes = Workbook(writer =>
        {
            var sheet = writer.AddSheet(ReportContract.ReportSheet.En);
            sheet.WriteRow("Report type", "consumption");
            sheet.WriteRow("Licence", "KZ-DM-0001");
            sheet.WriteRow("BIN", "080240012341");
            sheet.WriteRow("Company", "Ekibastuz Hash LLP");
            sheet.WriteRow("Period", new DateOnly(1905, 7, 17));
            sheet.WriteRow("Template version", "1.0");
            MonthReportWriter.WriteConsumption(writer.AddSheet(ReportContract.ConsumptionSheet.En), [new ConsumptionRow(2, "S", "M", EnergySource.Renewable, 10m, null)]);
        });

        var result = Parser.Parse(new MemoryStream(bytes));

        var issue = Assert.Single(result.Validation.Issues, i => i.Severity == Severity.Error);
        Assert.Equal((IssueCodes.InvalidPeriod, "Report", "B5"), (issue.Code, issue.Sheet, issue.Cell));
        Assert.Null(result.Report);
    }

    [Fact]
    public void A_trade_date_in_a_far_year_is_outside_the_period_with_a_hint_to_check_the_year()
    {
        var bytes = MonthReportWriter.ToBytes(new SalesReport(Sales,
            [new MinedRow(2, "BTC", 1m, new DateOnly(2025, 3, 2), "ViaBTC", "bc1q")],
            [new SoldRow(2, "BTC", 0.9m, new DateOnly(3025, 3, 20), "AIX", "T-1", null, null)]));

        var result = Parser.Parse(new MemoryStream(bytes));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.DateOutsidePeriod, "Sold", "C2", "3025-03-20"), (issue.Code, issue.Sheet, issue.Cell, issue.Value));
        Assert.Contains("check the year", issue.Message.Say(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14.03.2025")]
    [InlineData("2025-03-01")]
    [InlineData("2025-03")]
    public void A_period_typed_as_text_may_be_a_date_in_the_month(string typed)
    {
        var bytes = Workbook(writer =>
        {
            var sheet = writer.AddSheet(ReportContract.ReportSheet.En);
            sheet.WriteRow("Report type", "sales");
            sheet.WriteRow("Licence", Sales.Licence);
            sheet.WriteRow("BIN", Sales.Bin);
            sheet.WriteRow("Company", Sales.Company);
            sheet.WriteRow("Period", typed);
            sheet.WriteRow("Template version", "1.0");
            MonthReportWriter.WriteMined(writer.AddSheet(ReportContract.MinedSheet.En), []);
            MonthReportWriter.WriteSold(writer.AddSheet(ReportContract.SoldSheet.En), []);
        });

        var result = Parser.Parse(new MemoryStream(bytes));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        Assert.Equal(new Month(2025, 3), result.Report!.Period);
    }

    [Fact]
    public void A_relationship_id_given_twice_is_read_as_Excel_reads_it_the_first_one_counts()
    {
        var original = MonthReportWriter.ToBytes(SalesWithDates());
        var bytes = RewritePart(original, "xl/_rels/workbook.xml.rels", rels => rels.Replace("</Relationships>",
            """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/></Relationships>""", StringComparison.Ordinal));

        var result = Parser.Parse(new MemoryStream(bytes));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        Assert.Equal(SalesWithDates().Mined, Assert.IsType<SalesReport>(result.Report).Mined);
    }

    [Fact]
    public void A_workbook_in_the_1904_date_system_gives_the_same_dates()
    {
        var report = SalesWithDates();
        var original = MonthReportWriter.ToBytes(report);
        // What a Mac Excel of old would save: the flag, and every date serial 1,462 days smaller.
        var bytes = RewritePart(original, "xl/workbook.xml", xml => xml.Replace("<sheets>", """<workbookPr date1904="1"/><sheets>""", StringComparison.Ordinal));
        foreach (var sheet in new[] { "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml" })
            bytes = RewritePart(bytes, sheet, xml => DateCell().Replace(xml, m => $"{m.Groups["head"].Value}{int.Parse(m.Groups["serial"].Value, System.Globalization.CultureInfo.InvariantCulture) - 1462}</v>"));
        Assert.NotEqual(original, bytes);

        var result = Parser.Parse(new MemoryStream(bytes));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var parsed = Assert.IsType<SalesReport>(result.Report);
        Assert.Equal(report.Mined, parsed.Mined);
        Assert.Equal(report.Sold, parsed.Sold);
    }

    [Fact]
    public void A_row_of_16384_blank_cells_is_an_empty_row_and_is_skipped()
    {
        var blanks = new XlsxCell[SheetRow.MaxColumn];
        var bytes = Workbook(writer =>
        {
            MonthReportWriter.WriteReportSheet(writer, Sales with { Kind = ReportKind.Consumption });
            var sheet = writer.AddSheet(ReportContract.ConsumptionSheet.En);
            sheet.WriteRow("Site", "Meter", "Source", "kWh", "Cost KZT");
            sheet.WriteRow("Ekibastuz-1", "M-1", "grid", 1000m, 28_000m);
            sheet.WriteRow(blanks);
            sheet.WriteRow("Ekibastuz-1", "M-2", "renewable", 500m, XlsxCell.Empty);
        });
        // The writer leaves empty cells out; a crafted file lists every one of them, styled but blank.
        var row = string.Concat(Enumerable.Range(1, SheetRow.MaxColumn).Select(c => $"""<c r="{CellReference.Address(c, 3)}" s="0"/>"""));
        bytes = RewritePart(bytes, "xl/worksheets/sheet2.xml", xml => xml.Replace("""<row r="3"></row>""", $"""<row r="3">{row}</row>""", StringComparison.Ordinal));

        var result = Parser.Parse(new MemoryStream(bytes));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        Assert.Equal([2, 4], Assert.IsType<ConsumptionReport>(result.Report).Rows.Select(r => r.Row));
    }

    [Fact]
    public void A_grid_row_without_its_cost_names_the_cell()
    {
        var bytes = MonthReportWriter.ToBytes(new ConsumptionReport(Sales with { Kind = ReportKind.Consumption },
        [
            new ConsumptionRow(2, "Ekibastuz-1", "M-1", EnergySource.Renewable, 500m, null),
            new ConsumptionRow(3, "Ekibastuz-1", "M-2", EnergySource.Grid, 1000m, null),
            new ConsumptionRow(4, "Ekibastuz-1", "M-3", EnergySource.Import, 1000m, null),
        ]));

        var result = Parser.Parse(new MemoryStream(bytes));

        Assert.Equal(
            [(IssueCodes.MissingValue, "Consumption", "E3"), (IssueCodes.MissingValue, "Consumption", "E4")],
            result.Validation.Issues.Select(i => (i.Code, i.Sheet, i.Cell)));
    }

    [Fact]
    public void A_BIN_whose_check_digit_cannot_exist_is_invalid_whatever_its_last_digit()
    {
        // 10000000028: the weighted sums mod 11 are 10 with both weight sets, so no check digit exists.
        static int Sum(string digits, int[] weights) => digits.Select((c, i) => (c - '0') * weights[i]).Sum();
        const string first11 = "10000000028";
        Assert.Equal(10, Sum(first11, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11);
        Assert.Equal(10, Sum(first11, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11);

        Assert.Null(Bin.CheckDigit(first11));
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(Bin.IsValid(first11 + d)));
    }

    [Fact]
    public void A_sales_template_filled_in_programmatically_validates_clean()
    {
        using var workbook = new XLWorkbook(new MemoryStream(TemplateWriter.ToBytes(ReportKind.Sales, Language.En)));
        var report = workbook.Worksheet(ReportContract.ReportSheet.En);
        report.Cell(2, 2).SetValue("KZ-DM-0042");
        report.Cell(3, 2).SetValue("050540004455");
        report.Cell(4, 2).SetValue("Steppe Hash LLP");
        report.Cell(5, 2).SetValue("2025-03");
        var mined = workbook.Worksheet(ReportContract.MinedSheet.En);
        mined.Cell(2, 1).SetValue("BTC");
        mined.Cell(2, 2).SetValue(1.23456789);
        mined.Cell(2, 3).SetValue(new DateTime(2025, 3, 31));
        mined.Cell(2, 4).SetValue("Foundry USA");
        mined.Cell(2, 5).SetValue("bc1qsteppe");
        var sold = workbook.Worksheet(ReportContract.SoldSheet.En);
        sold.Cell(2, 1).SetValue("BTC");
        sold.Cell(2, 2).SetValue(1);
        sold.Cell(2, 3).SetValue(new DateTime(2025, 3, 1));
        sold.Cell(2, 4).SetValue("AIX");
        sold.Cell(2, 5).SetValue("AIX-2025-0001");

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        var result = Parser.Parse(stream);

        Assert.Empty(result.Validation.Issues);
        var parsed = Assert.IsType<SalesReport>(result.Report);
        Assert.Equal([new MinedRow(2, "BTC", 1.23456789m, new DateOnly(2025, 3, 31), "Foundry USA", "bc1qsteppe")], parsed.Mined);
        Assert.Equal([new SoldRow(2, "BTC", 1m, new DateOnly(2025, 3, 1), "AIX", "AIX-2025-0001", null, null)], parsed.Sold);
    }

    private static SalesReport SalesWithDates() => new(Sales,
        [new MinedRow(2, "BTC", 0.5m, new DateOnly(2025, 3, 1), "ViaBTC", "bc1q"), new MinedRow(3, "BTC", 0.25m, new DateOnly(2025, 3, 31), "ViaBTC", "bc1q")],
        [new SoldRow(2, "BTC", 0.6m, new DateOnly(2025, 3, 15), "AIX", "T-1", null, null)]);

    private static byte[] Workbook(Action<XlsxWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream)) write(writer);
        return stream.ToArray();
    }

    private static byte[] RewritePart(byte[] workbook, string part, Func<string, string> rewrite)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(part) ?? throw new InvalidOperationException($"No part {part}.");
            string xml;
            using (var reader = new StreamReader(entry.Open(), Encoding.UTF8)) xml = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(part).Open(), new UTF8Encoding(false));
            writer.Write(rewrite(xml));
        }

        return stream.ToArray();
    }

    [GeneratedRegex("""(?<head><c r="C\d+" s="\d+"><v>)(?<serial>\d+)</v>""")]
    private static partial Regex DateCell();
}
