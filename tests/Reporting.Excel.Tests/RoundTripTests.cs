using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;

namespace Reporting.Excel.Tests;

public sealed class RoundTripTests
{
    private static readonly ReportHeader ConsumptionHeader = new(ReportKind.Consumption, "KZ-DM-0001", "080240012341", "Ekibastuz Hash LLP", new Month(2025, 3), "1.0");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Consumption_report_round_trips_into_the_same_records(bool sharedStrings)
    {
        var report = new ConsumptionReport(ConsumptionHeader,
        [
            new ConsumptionRow(2, "Ekibastuz-1", "M-0001", EnergySource.Grid, 1_250_000.125m, 31_250_003.13m),
            new ConsumptionRow(3, "Ekibastuz-1", null, EnergySource.Renewable, 40_000m, null),
            new ConsumptionRow(4, "Ekibastuz-2", "12345", EnergySource.OffGrid, 0m, 0m),
        ]);

        var result = Parse(MonthReportWriter.ToBytes(report, new XlsxWriterOptions { SharedStrings = sharedStrings }));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var parsed = Assert.IsType<ConsumptionReport>(result.Report);
        Assert.Equal(report.Header, parsed.Header);
        Assert.Equal(report.Rows, parsed.Rows);
    }

    [Fact]
    public void Sales_report_round_trips_into_the_same_records()
    {
        var header = ConsumptionHeader with { Kind = ReportKind.Sales };
        var report = new SalesReport(header,
            [new MinedRow(2, "BTC", 0.01234567m, new DateOnly(2025, 3, 1), "Foundry USA", "bc1qexample"), new MinedRow(3, "BTC", 3.21870451m, new DateOnly(2025, 3, 31), "ViaBTC", "bc1qother")],
            [new SoldRow(2, "BTC", 2.5m, new DateOnly(2025, 3, 20), "AIX", "T-0001", 84_000.5m, "USDT")]);

        var result = Parse(MonthReportWriter.ToBytes(report));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var parsed = Assert.IsType<SalesReport>(result.Report);
        Assert.Equal(report.Header, parsed.Header);
        Assert.Equal(report.Mined, parsed.Mined);
        Assert.Equal(report.Sold, parsed.Sold);
    }

    private static MonthReportParseResult Parse(byte[] bytes) =>
        new MonthReportParser(new WorkbookLimits()).Parse(new MemoryStream(bytes));
}
