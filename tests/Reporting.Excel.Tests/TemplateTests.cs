using Reporting.Domain.Text;
using ClosedXML.Excel;
using Reporting.Domain.Reports;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Excel.Templates;

namespace Reporting.Excel.Tests;

public sealed class TemplateTests
{
    [Fact]
    public void Consumption_template_has_the_contract_a_dropdown_formats_and_a_frozen_header()
    {
        using var workbook = new XLWorkbook(new MemoryStream(TemplateWriter.ToBytes(ReportKind.Consumption, Language.En)));

        Assert.Equal(["Report", "Consumption", "Lists", "Instructions"], workbook.Worksheets.Select(w => w.Name));
        var report = workbook.Worksheet("Report");
        Assert.Equal(["Report type", "Licence", "BIN", "Company", "Period", "Template version"], Enumerable.Range(1, 6).Select(r => report.Cell(r, 1).GetString()));
        Assert.Equal("consumption", report.Cell(1, 2).GetString());
        Assert.Equal("@", report.Cell(3, 2).Style.NumberFormat.Format); // BIN as text keeps leading zeros

        var sheet = workbook.Worksheet("Consumption");
        Assert.Equal(["Site", "Meter", "Source", "kWh", "Cost KZT"], Enumerable.Range(1, 5).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal("#,##0.000", sheet.Cell(2, 4).Style.NumberFormat.Format);
        Assert.All(Enumerable.Range(1, 5), c => Assert.True(sheet.Column(c).Width >= 10));
        var validation = sheet.DataValidations.Single(v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == 3));
        Assert.Equal(XLAllowedValues.List, validation.AllowedValues);
        var lists = workbook.Worksheet("Lists");
        Assert.Equal(["grid", "import", "renewable", "own generation", "off-grid"], Enumerable.Range(1, 5).Select(r => lists.Cell(r, 1).GetString()));
        Assert.Equal(XLWorksheetVisibility.Hidden, lists.Visibility);
    }

    [Fact]
    public void Sales_template_has_both_tables_with_date_formats()
    {
        using var workbook = new XLWorkbook(new MemoryStream(TemplateWriter.ToBytes(ReportKind.Sales, Language.En)));

        Assert.Equal(["Report", "Mined", "Sold", "Instructions"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal("sales", workbook.Worksheet("Report").Cell(1, 2).GetString());
        Assert.Equal(["Asset", "Quantity", "Trade date", "Exchange", "Trade ID", "Price", "Currency"], Enumerable.Range(1, 7).Select(c => workbook.Worksheet("Sold").Cell(1, c).GetString()));
        Assert.Equal("yyyy-mm-dd", workbook.Worksheet("Mined").Cell(2, 3).Style.NumberFormat.Format);
    }

    [Fact]
    public void A_blank_template_is_rejected_for_its_empty_fields_only()
    {
        var result = new MonthReportParser(new WorkbookLimits()).Parse(new MemoryStream(TemplateWriter.ToBytes(ReportKind.Consumption, Language.En)));

        Assert.Equal(["B2", "B3", "B4", "B5"], result.Validation.Issues.Where(i => i.Code == "missing-value").Select(i => i.Cell));
        Assert.DoesNotContain(result.Validation.Issues, i => i.Code is "missing-sheet" or "missing-column");
    }

    [Fact]
    public void A_consumption_template_filled_in_programmatically_validates_clean()
    {
        using var workbook = new XLWorkbook(new MemoryStream(TemplateWriter.ToBytes(ReportKind.Consumption, Language.En)));
        var report = workbook.Worksheet("Report");
        report.Cell(2, 2).SetValue("KZ-DM-0042");
        report.Cell(3, 2).SetValue("050540004455");
        report.Cell(4, 2).SetValue("Steppe Hash LLP");
        report.Cell(5, 2).SetValue("2025-03");
        var sheet = workbook.Worksheet("Consumption");
        object[][] rows =
        [
            ["Ekibastuz-1", "KEGOC-01", "grid", 1_200_000.5, 30_012_512.5],
            ["Ekibastuz-1", "IMP-01", "import", 80_000, 2_240_000],
            ["Ekibastuz-2", "", "renewable", 55_000.25, ""],
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                switch (rows[r][c])
                {
                    case string s when s.Length > 0: sheet.Cell(r + 2, c + 1).SetValue(s); break;
                    case double d: sheet.Cell(r + 2, c + 1).SetValue(d); break;
                    case int i: sheet.Cell(r + 2, c + 1).SetValue(i); break;
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;
        var result = new MonthReportParser(new WorkbookLimits()).Parse(stream);

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        Assert.Empty(result.Validation.Issues);
        var parsed = Assert.IsType<ConsumptionReport>(result.Report);
        Assert.Equal(
            [
                new ConsumptionRow(2, "Ekibastuz-1", "KEGOC-01", EnergySource.Grid, 1_200_000.5m, 30_012_512.5m),
                new ConsumptionRow(3, "Ekibastuz-1", "IMP-01", EnergySource.Import, 80_000m, 2_240_000m),
                new ConsumptionRow(4, "Ekibastuz-2", null, EnergySource.Renewable, 55_000.25m, null),
            ],
            parsed.Rows);
    }
}
