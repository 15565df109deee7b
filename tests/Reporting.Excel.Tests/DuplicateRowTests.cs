using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;

namespace Reporting.Excel.Tests;

/// <summary>
/// What counts as the same row (docs/report-format.md): a consumption row's site and meter, and a trade id, are
/// names people type, so letter case does not make them different; a mined row is a duplicate only when
/// identical, since its wallet address is case-sensitive (base58).
/// </summary>
public sealed class DuplicateRowTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());
    private static readonly Month March = new(2025, 3);

    private static MonthReportParseResult Consumption(params ConsumptionRow[] rows) =>
        Parser.Parse(new MemoryStream(MonthReportWriter.ToBytes(new ConsumptionReport(
            new ReportHeader(ReportKind.Consumption, "KZ-DM-0001", "080240012341", "Ekibastuz Hash LLP", March, "1.0"), rows))));

    private static MonthReportParseResult Sales(MinedRow[] mined, SoldRow[] sold) =>
        Parser.Parse(new MemoryStream(MonthReportWriter.ToBytes(new SalesReport(
            new ReportHeader(ReportKind.Sales, "KZ-DM-0001", "080240012341", "Ekibastuz Hash LLP", March, "1.0"), mined, sold))));

    [Theory]
    [InlineData("Site A", "M-1", "site a", "m-1")]
    [InlineData("Site A", "M-1", "SITE A", "M-1")]
    [InlineData("Site A", "", "site A", "")]
    public void Site_and_meter_differing_only_in_letter_case_are_a_duplicate_row(string site, string meter, string otherSite, string otherMeter)
    {
        var result = Consumption(
            new ConsumptionRow(2, site, meter, EnergySource.Grid, 1000m, 25000m),
            new ConsumptionRow(3, otherSite, otherMeter, EnergySource.Grid, 500m, 12500m));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.DuplicateRow, Severity.Error, "Consumption", "A3"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell));
        Assert.Null(result.Report);
    }

    [Theory]
    [InlineData("Site B", "M-1", EnergySource.Grid)]
    [InlineData("Site A", "M-2", EnergySource.Grid)]
    [InlineData("Site A", "M-1", EnergySource.Import)]
    public void Another_site_meter_or_source_is_another_row(string site, string meter, EnergySource source)
    {
        var result = Consumption(
            new ConsumptionRow(2, "Site A", "M-1", EnergySource.Grid, 1000m, 25000m),
            new ConsumptionRow(3, site, meter, source, 500m, 12500m));

        Assert.Empty(result.Validation.Issues);
        Assert.Equal(1500m, Assert.IsType<ConsumptionReport>(result.Report).Rows.Sum(r => r.Kwh));
    }

    [Fact]
    public void A_trade_id_differing_only_in_letter_case_is_used_twice()
    {
        var result = Sales([], [
            new SoldRow(2, "BTC", 0.5m, new DateOnly(2025, 3, 10), "AIX", "AIX-T-1", null, null),
            new SoldRow(3, "BTC", 0.2m, new DateOnly(2025, 3, 11), "AIX", "aix-t-1", null, null)]);

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.DuplicateTradeId, Severity.Error, "Sold", "E3"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell));
    }

    [Fact]
    public void Identical_mined_rows_are_a_warning_and_both_count()
    {
        var row = new MinedRow(2, "BTC", 0.25m, new DateOnly(2025, 3, 4), "Foundry USA", "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh");

        var result = Sales([row, row with { Row = 3 }], []);

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.DuplicateRow, Severity.Warning, "Mined", "A3"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell));
        Assert.Equal(0.5m, Assert.IsType<SalesReport>(result.Report).Mined.Sum(m => m.Quantity));
    }

    [Fact]
    public void Mined_rows_whose_wallets_differ_in_letter_case_are_different_rows()
    {
        var row = new MinedRow(2, "BTC", 0.25m, new DateOnly(2025, 3, 4), "Foundry USA", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT");

        var result = Sales([row, row with { Row = 3, Wallet = "1boatslrhtknngkdxeeobr76b53lettpyt" }], []);

        Assert.Empty(result.Validation.Issues);
    }
}
