using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests;

/// <summary>Workbooks written by other libraries than ours are read into exactly what they hold.</summary>
public sealed class OtherWritersTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task A_consumption_report_written_by_exceljs_is_accepted_as_written(bool periodAsDate, bool binAsNumber)
    {
        using var temp = new TempDirectory();
        var path = temp.File("exceljs-consumption.xlsx");
        var arguments = new List<string> { "--kind", "consumption", "--out", path, "--licence", "KZ-DM-0042", "--bin", "050540004455", "--company", "Steppe Hash LLP", "--period", "2025-02", "--rows", "40", "--seed", "7" };
        if (periodAsDate) arguments.Add("--period-as-date");
        if (binAsNumber) arguments.Add("--bin-as-number");
        using var written = await NodeTool.RunJsonAsync("write-report.mjs", [.. arguments]);

        var result = Parser.Parse(File.OpenRead(path));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var report = Assert.IsType<ConsumptionReport>(result.Report);
        Assert.Equal(new ReportHeader(ReportKind.Consumption, "KZ-DM-0042", "050540004455", "Steppe Hash LLP", new Month(2025, 2), "1.0"), report.Header);
        var expected = written.RootElement.GetProperty("rows").EnumerateArray().Select(r => new ConsumptionRow(
            r.GetProperty("row").GetInt32(),
            r.GetProperty("site").GetString()!,
            r.GetProperty("meter").ValueKind == JsonValueKind.Null ? null : r.GetProperty("meter").GetString(),
            Domain.EnumCodes.Parse<EnergySource>(r.GetProperty("source").GetString()),
            r.GetProperty("kwh").GetDecimal(),
            r.GetProperty("cost_kzt").ValueKind == JsonValueKind.Null ? null : r.GetProperty("cost_kzt").GetDecimal())).ToArray();
        Assert.Equal(40, expected.Length);
        Assert.Equal(expected, report.Rows);
        // exceljs adds an unknown 'Comment' column: a warning, not an error.
        Assert.Contains(result.Validation.Issues, i => i.Code == IssueCodes.UnknownColumn && i.Severity == Severity.Warning);
    }

    [Fact]
    public async Task A_sales_report_written_by_exceljs_is_accepted_as_written()
    {
        using var temp = new TempDirectory();
        var path = temp.File("exceljs-sales.xlsx");
        using var written = await NodeTool.RunJsonAsync("write-report.mjs", "--kind", "sales", "--out", path, "--licence", "KZ-DM-0042",
            "--bin", "050540004455", "--company", "Steppe Hash LLP", "--period", "2024-02", "--rows", "25", "--seed", "11");

        var result = Parser.Parse(File.OpenRead(path));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var report = Assert.IsType<SalesReport>(result.Report);
        var mined = written.RootElement.GetProperty("mined").EnumerateArray().Select(m => new MinedRow(
            m.GetProperty("row").GetInt32(), m.GetProperty("asset").GetString()!, m.GetProperty("quantity").GetDecimal(),
            DateOnly.Parse(m.GetProperty("received").GetString()!, CultureInfo.InvariantCulture), m.GetProperty("pool").GetString()!, m.GetProperty("wallet").GetString()!)).ToArray();
        Assert.Equal(mined, report.Mined);
        var sold = written.RootElement.GetProperty("sold").EnumerateArray().ToArray();
        Assert.Equal(sold.Length, report.Sold.Count);
        for (var i = 0; i < sold.Length; i++)
        {
            Assert.Equal(sold[i].GetProperty("trade_id").GetString(), report.Sold[i].TradeId);
            Assert.Equal(sold[i].GetProperty("quantity").GetDecimal(), report.Sold[i].Quantity);
            Assert.Equal(DateOnly.Parse(sold[i].GetProperty("trade_date").GetString()!, CultureInfo.InvariantCulture), report.Sold[i].TradeDate);
            Assert.Equal(sold[i].GetProperty("exchange").GetString(), report.Sold[i].Exchange);
        }
    }

    [Fact]
    public void A_report_written_by_ClosedXML_with_honest_variations_is_accepted()
    {
        // Labels in another order and case with a colon, units in brackets, columns shuffled, an empty row,
        // the period as a date mid-month, the BIN as a number without its leading zero, Source in mixed case.
        using var workbook = new XLWorkbook();
        var report = workbook.AddWorksheet("report");
        report.Cell("A1").SetValue("PERIOD:");
        report.Cell("B1").SetValue(new DateTime(2025, 3, 17));
        report.Cell("A2").SetValue(" licence ");
        report.Cell("B2").SetValue("KZ-DM-0042");
        report.Cell("A3").SetValue("Company");
        report.Cell("B3").SetValue("Steppe Hash LLP");
        report.Cell("A4").SetValue("BIN");
        report.Cell("B4").SetValue(50540004455d);
        report.Cell("A5").SetValue("Report Type");
        report.Cell("B5").SetValue("Consumption");
        report.Cell("A6").SetValue("Template version");
        report.Cell("B6").SetValue("1.0");
        var sheet = workbook.AddWorksheet(" Consumption ");
        string[] headers = ["Source", "kWh (kilowatt-hours)", "SITE", "Cost KZT (excl. VAT)", "Meter"];
        for (var i = 0; i < headers.Length; i++) sheet.Cell(1, i + 1).SetValue(headers[i]);
        sheet.Cell("A2").SetValue("Grid");
        sheet.Cell("B2").SetValue(1000.5);
        sheet.Cell("C2").SetValue("Ekibastuz-1");
        sheet.Cell("D2").SetValue(25012.5);
        sheet.Cell("E2").SetValue(12345);
        sheet.Cell("A4").SetValue("OFF_GRID");
        sheet.Cell("B4").SetValue(2000);
        sheet.Cell("C4").SetValue("Ekibastuz-1");
        sheet.Cell("E4").SetValue("M-2");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;

        var result = Parser.Parse(stream);

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var parsed = Assert.IsType<ConsumptionReport>(result.Report);
        Assert.Equal(new ReportHeader(ReportKind.Consumption, "KZ-DM-0042", "050540004455", "Steppe Hash LLP", new Month(2025, 3), "1.0"), parsed.Header);
        Assert.Equal(
            [new ConsumptionRow(2, "Ekibastuz-1", "12345", EnergySource.Grid, 1000.5m, 25012.5m), new ConsumptionRow(4, "Ekibastuz-1", "M-2", EnergySource.OffGrid, 2000m, null)],
            parsed.Rows);
    }

    [Fact]
    public void A_password_protected_workbook_is_recognised_as_encrypted()
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.BrokenSamples, "encrypted-workbook.xlsx"));

        var issue = Assert.Single(Parser.Parse(stream).Validation.Issues);

        Assert.Equal(IssueCodes.EncryptedWorkbook, issue.Code);
    }
}
