using System.Globalization;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Samples;

namespace Reporting.Excel.Tests;

/// <summary>The machine's culture (decimal comma, other calendars) never changes what a file means.</summary>
public sealed class CultureTests
{
    [Theory]
    [InlineData("ru-KZ")]
    [InlineData("kk-KZ")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("th-TH")]
    public void Parsing_gives_the_same_records_in_any_culture(string culture)
    {
        var bytes = MonthReportWriter.ToBytes(SampleFiles.SampleSales());
        var invariant = Parse(bytes, CultureInfo.InvariantCulture);

        var local = Parse(bytes, CultureInfo.GetCultureInfo(culture));

        Assert.True(invariant.IsValid);
        var expected = Assert.IsType<Reporting.Domain.Reports.SalesReport>(invariant.Report);
        var actual = Assert.IsType<Reporting.Domain.Reports.SalesReport>(local.Report);
        Assert.Equal(expected.Header, actual.Header);
        Assert.Equal(expected.Mined, actual.Mined);
        Assert.Equal(expected.Sold, actual.Sold);
    }

    private static MonthReportParseResult Parse(byte[] bytes, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return new MonthReportParser(new WorkbookLimits()).Parse(new MemoryStream(bytes));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
