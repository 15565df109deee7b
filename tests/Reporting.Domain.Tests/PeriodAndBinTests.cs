using Reporting.Domain.Periods;
using Reporting.Domain.Registry;

namespace Reporting.Domain.Tests;

public sealed class PeriodAndBinTests
{
    [Theory]
    [InlineData("2025-03", 2025, 3, "2025-Q1", 744)]
    [InlineData("2024-02", 2024, 2, "2024-Q1", 696)]
    [InlineData("2023-12", 2023, 12, "2023-Q4", 744)]
    public void Months_parse_and_know_their_quarter_and_hours(string text, int year, int number, string quarter, int hours)
    {
        var month = Month.Parse(text);

        Assert.Equal(new Month(year, number), month);
        Assert.Equal(quarter, month.Quarter.ToString());
        Assert.Equal(hours, month.Hours);
        Assert.Equal(text, month.ToString());
    }

    [Theory]
    [InlineData("2025-3")]
    [InlineData("03.2025")]
    [InlineData("2025-13")]
    [InlineData("March 2025")]
    [InlineData("")]
    public void Other_month_spellings_are_refused(string text) => Assert.False(Month.TryParse(text, out _));

    [Fact]
    public void Quarters_span_three_months_and_roll_over_years()
    {
        var q4 = Quarter.Parse("2023-Q4");

        Assert.Equal(["2023-10", "2023-11", "2023-12"], q4.Months.Select(m => m.ToString()));
        Assert.Equal("2024-Q1", q4.Next.ToString());
        Assert.Equal(new DateOnly(2023, 12, 31), q4.End);
    }

    [Theory]
    [InlineData("080240012341", true)]
    [InlineData("080240012346", false)]
    [InlineData("191240022314", true)]
    [InlineData("19124002231", false)]
    [InlineData("1912400223140", false)]
    [InlineData("19124002231A", false)]
    public void Bin_check_digit(string bin, bool valid) => Assert.Equal(valid, Bin.IsValid(bin));

    [Fact]
    public void Bin_uses_the_second_weights_when_the_first_sum_leaves_10()
    {
        // Find 11 digits whose first weighted sum is 10 mod 11 and check the second weighting decides.
        var digits = "00000000010"; // 1×10 = 10 with weights 1..11 -> second weights: 1×1 = 1
        Assert.Equal(1, Bin.CheckDigit(digits));
        Assert.True(Bin.IsValid(digits + "1"));
    }
}
