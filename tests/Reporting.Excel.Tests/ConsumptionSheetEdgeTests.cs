using ClosedXML.Excel;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;

namespace Reporting.Excel.Tests;

/// <summary>
/// The Consumption sheet's required columns and cells, the cost column grid and import rows need, and an empty sheet:
/// written by our writer, then edited with ClosedXML as a person would (columns A-E: site, meter, source, kWh, cost).
/// </summary>
public sealed class ConsumptionSheetEdgeTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());

    private static readonly ReportHeader Header = new(ReportKind.Consumption, "KZ-DM-0001", "080240012341", "Ekibastuz Hash LLP", new Month(2025, 3), "1.0");

    private static MonthReportParseResult Parse(ConsumptionRow[] rows, Action<IXLWorksheet> edit)
    {
        using var workbook = new XLWorkbook(new MemoryStream(MonthReportWriter.ToBytes(new ConsumptionReport(Header, rows))));
        edit(workbook.Worksheet(ReportContract.ConsumptionSheet.En));
        var edited = new MemoryStream();
        workbook.SaveAs(edited);
        return Parser.Parse(new MemoryStream(edited.ToArray()));
    }

    private static readonly ConsumptionRow[] Renewable = [new(2, "Site A", "M-1", EnergySource.Renewable, 500m, null)];
    private static readonly ConsumptionRow[] TwoGrid = [new(2, "Site A", "M-1", EnergySource.Grid, 500m, 12_500m), new(3, "Site A", "M-2", EnergySource.Grid, 100m, 2_500m)];

    [Theory]
    [InlineData(1)] // site
    [InlineData(2)] // meter
    [InlineData(3)] // source
    [InlineData(4)] // kWh
    public void Each_of_site_meter_source_and_kWh_is_a_required_column(int column)
    {
        var result = Parse(Renewable, sheet => sheet.Column(column).Delete());

        Assert.Contains(result.Validation.Issues, i => i.Code == IssueCodes.MissingColumn.Code && i.Message.Variant is null && i.Severity == Severity.Error);
        Assert.Null(result.Report);
    }

    [Fact]
    public void The_cost_column_may_be_left_out_when_no_row_is_bought_and_is_asked_for_once_when_rows_are()
    {
        var renewable = Parse(Renewable, sheet => sheet.Column(5).Delete());
        var grid = Parse(TwoGrid, sheet => sheet.Column(5).Delete());

        Assert.True(renewable.IsValid, string.Join("\n", renewable.Validation.Issues));
        var asked = Assert.Single(grid.Validation.Issues, i => i.Code == IssueCodes.MissingColumn.Code);
        Assert.Equal(("required-by-rows", "Consumption"), (asked.Message.Variant, asked.Sheet));
    }

    [Theory]
    [InlineData("C2")] // source
    [InlineData("D2")] // kWh
    public void An_empty_source_or_kWh_cell_is_a_missing_value_at_that_cell(string cell)
    {
        var result = Parse(Renewable, sheet => sheet.Cell(cell).Clear());

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.MissingValue.Code, "Consumption", cell), (issue.Code, issue.Sheet, issue.Cell));
    }

    [Fact]
    public void A_negative_cost_is_refused_at_its_cell_and_a_zero_cost_is_allowed()
    {
        var negative = Parse(TwoGrid, sheet => sheet.Cell("E2").Value = -1);
        var zero = Parse(TwoGrid, sheet => sheet.Cell("E2").Value = 0);

        var issue = Assert.Single(negative.Validation.Issues);
        Assert.Equal((IssueCodes.ConstraintError.Code, "negative", "E2"), (issue.Code, issue.Message.Variant, issue.Cell));
        Assert.True(zero.IsValid, string.Join("\n", zero.Validation.Issues));
        Assert.Equal(0m, Assert.IsType<ConsumptionReport>(zero.Report).Rows[0].CostKzt);
    }

    [Fact]
    public void A_sheet_with_a_header_and_no_rows_is_a_warning_not_an_error()
    {
        var result = Parse(Renewable, sheet => sheet.Row(2).Delete());

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.NoDataRows.Code, Severity.Warning, "Consumption"), (issue.Code, issue.Severity, issue.Sheet));
    }
}
