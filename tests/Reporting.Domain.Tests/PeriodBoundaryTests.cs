using Reporting.Domain.Periods;

namespace Reporting.Domain.Tests;

/// <summary>The edges of months, quarters, Kazakhstan's clock change and report deadlines, worked out by hand.</summary>
public sealed class PeriodBoundaryTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(1999, 1, false)]
    [InlineData(2000, 1, true)]
    [InlineData(2999, 12, true)]
    [InlineData(3000, 1, false)]
    [InlineData(2025, 0, false)]
    [InlineData(2025, 13, false)]
    public void Months_exist_from_2000_to_2999_numbered_1_to_12(int year, int number, bool valid)
    {
        if (valid) Assert.Equal((year, number), (new Month(year, number).Year, new Month(year, number).Number));
        else Assert.Throws<ArgumentOutOfRangeException>(() => new Month(year, number));
    }

    [Theory]
    [InlineData(1999, 1, false)]
    [InlineData(2000, 1, true)]
    [InlineData(2999, 4, true)]
    [InlineData(3000, 1, false)]
    [InlineData(2025, 0, false)]
    [InlineData(2025, 5, false)]
    public void Quarters_exist_from_2000_to_2999_numbered_1_to_4(int year, int number, bool valid)
    {
        if (valid) Assert.Equal($"{year}-Q{number}", new Quarter(year, number).ToString());
        else Assert.Throws<ArgumentOutOfRangeException>(() => new Quarter(year, number));
    }

    [Fact]
    public void A_month_knows_its_first_and_last_day_its_neighbours_and_its_quarter()
    {
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), 29), (new Month(2024, 2).Start, new Month(2024, 2).End, new Month(2024, 2).Days));
        Assert.Equal((new DateOnly(2025, 12, 31), 28), (new Month(2025, 12).End, new Month(2025, 2).Days));
        Assert.Equal(new Month(2025, 1), new Month(2024, 12).Next);
        Assert.Equal(new Month(2025, 4), new Month(2025, 3).Next);
        Assert.Equal(new Month(2024, 12), new Month(2025, 1).Previous);
        Assert.Equal(new Month(2025, 2), new Month(2025, 3).Previous);
        Assert.Equal(["2025-Q1", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"],
            new[] { 1, 3, 4, 9, 12 }.Select(m => new Month(2025, m).Quarter.ToString()));
    }

    [Theory]
    [InlineData("2025-03-01", true)]
    [InlineData("2025-03-31", true)]
    [InlineData("2025-04-01", false)]
    [InlineData("2025-02-28", false)]
    [InlineData("2024-03-15", false)] // the same month number of another year
    public void A_month_contains_its_own_days_only(string date, bool contained) =>
        Assert.Equal(contained, new Month(2025, 3).Contains(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("1999-12-31", false)]
    [InlineData("2000-01-01", true)]
    [InlineData("2999-12-31", true)]
    [InlineData("3000-01-01", false)]
    public void A_date_typed_by_a_person_has_a_month_only_in_the_years_reports_can_have(string date, bool hasMonth)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(hasMonth, Month.TryOf(day, out var month));
        Assert.Equal(hasMonth ? new Month(day.Year, day.Month) : default, month);
    }

    [Theory]
    [InlineData(" 2025-03 ", "2025-03")] // surrounding spaces are trimmed
    [InlineData("2000-01", "2000-01")]
    [InlineData("2999-12", "2999-12")]
    [InlineData("1999-12", null)]
    [InlineData("3000-01", null)]
    [InlineData("2025-00", null)]
    [InlineData("2025/03", null)]
    [InlineData("+025-03", null)]
    [InlineData("2025-+3", null)]
    [InlineData("20250-3", null)]
    [InlineData(null, null)]
    public void Months_parse_exactly_as_YYYY_MM(string? text, string? expected)
    {
        Assert.Equal(expected is not null, Month.TryParse(text, out var month));
        Assert.Equal(expected ?? default(Month).ToString(), month.ToString());
        if (expected is null) Assert.Throws<FormatException>(() => Month.Parse(text!));
    }

    [Theory]
    [InlineData(" 2025-q3 ", "2025-Q3")]
    [InlineData("2000-Q1", "2000-Q1")]
    [InlineData("2999-Q4", "2999-Q4")]
    [InlineData("1999-Q4", null)]
    [InlineData("3000-Q1", null)]
    [InlineData("2025-Q0", null)]
    [InlineData("2025-Q5", null)]
    [InlineData("2025-X1", null)]
    [InlineData("2025/Q1", null)]
    [InlineData("+025-Q1", null)]
    [InlineData("2025-Q12", null)]
    [InlineData(null, null)]
    public void Quarters_parse_exactly_as_YYYY_Qn(string? text, string? expected)
    {
        Assert.Equal(expected is not null, Quarter.TryParse(text, out var quarter));
        if (expected is not null) Assert.Equal(expected, quarter.ToString());
        else Assert.Equal(default, quarter);
        if (expected is null) Assert.Throws<FormatException>(() => Quarter.Parse(text!));
    }

    [Fact]
    public void Months_and_quarters_order_by_year_then_number()
    {
        Month jan = new(2025, 1), janToo = new(2025, 1), feb = new(2025, 2), dec = new(2024, 12);
        Assert.True(jan < feb && feb > jan && dec < jan && jan > dec);
        Assert.True(jan <= janToo && jan >= janToo && jan <= feb && feb >= jan);
        Assert.False(jan < janToo || jan > janToo || feb <= jan || jan >= feb);
        Assert.Equal([dec, jan, feb], new[] { feb, dec, jan }.Order());

        Quarter q1 = new(2025, 1), q1Too = new(2025, 1), q2 = new(2025, 2), q4 = new(2024, 4);
        Assert.True(q1 < q2 && q2 > q1 && q4 < q1 && q1 > q4);
        Assert.True(q1 <= q1Too && q1 >= q1Too && q1 <= q2 && q2 >= q1);
        Assert.False(q1 < q1Too || q1 > q1Too || q2 <= q1 || q1 >= q2);
        Assert.Equal([q4, q1, q2], new[] { q2, q4, q1 }.Order());
    }

    [Fact]
    public void A_quarter_knows_its_months_days_and_neighbours()
    {
        var q2 = new Quarter(2025, 2);

        Assert.Equal([new Month(2025, 4), new Month(2025, 5), new Month(2025, 6)], q2.Months);
        Assert.Equal((new Month(2025, 4), new Month(2025, 6)), (q2.FirstMonth, q2.LastMonth));
        Assert.Equal((new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)), (q2.Start, q2.End));
        Assert.Equal((new Quarter(2025, 3), new Quarter(2025, 1)), (q2.Next, q2.Previous));
        Assert.Equal((new Quarter(2026, 1), new Quarter(2024, 4)), (new Quarter(2025, 4).Next, new Quarter(2025, 1).Previous));
        Assert.Equal((q2, new Quarter(2025, 3)), (Quarter.Of(new DateOnly(2025, 6, 30)), Quarter.Of(new DateOnly(2025, 7, 1))));
        Assert.True(q2.Contains(new DateOnly(2025, 4, 1)) && q2.Contains(new DateOnly(2025, 6, 30)));
        Assert.False(q2.Contains(new DateOnly(2025, 3, 31)) || q2.Contains(new DateOnly(2025, 7, 1)));
        Assert.True(q2.Contains(new Month(2025, 5)));
        Assert.False(q2.Contains(new Month(2025, 7)) || q2.Contains(new Month(2024, 5)));
    }

    [Theory]
    [InlineData("2024-02-29T17:59:59Z", 6)] // 23:59:59 on 29 February in Astana: still UTC+6
    [InlineData("2024-02-29T18:00:00Z", 5)] // midnight of 1 March (UTC+6): the single zone, UTC+5, from this instant
    [InlineData("2025-06-01T00:00:00Z", 5)]
    public void Kazakhstan_moved_to_UTC_plus_5_at_midnight_of_1_March_2024(string instant, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), KazakhstanTime.OffsetAt(Utc(instant)));

    [Theory]
    [InlineData("2024-02-29", "23:59:59", "2024-02-29T17:59:59Z")]
    [InlineData("2024-03-01", "00:00:00", "2024-02-29T19:00:00Z")]
    [InlineData("2025-04-10", "23:59:59", "2025-04-10T18:59:59Z")]
    public void A_local_time_in_Kazakhstan_is_the_instant_of_its_zone_then(string date, string time, string instant) =>
        Assert.Equal(Utc(instant), KazakhstanTime.At(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2025-03-31T18:59:59Z", "2025-03-31")] // 23:59:59 in Kazakhstan (UTC+5)
    [InlineData("2025-03-31T19:00:00Z", "2025-04-01")]
    [InlineData("2023-12-31T18:00:00Z", "2024-01-01")] // UTC+6 then
    public void Today_is_the_date_in_Kazakhstan(string now, string today) =>
        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), KazakhstanTime.Today(new FixedTime(Utc(now))));

    [Theory]
    [InlineData(10, 2025, 3, "2025-04-10T18:59:59Z")]
    [InlineData(10, 2023, 12, "2024-01-10T17:59:59Z")] // due in January 2024: UTC+6
    [InlineData(31, 2025, 1, "2025-02-28T18:59:59Z")]  // the 31st of February is its last day
    [InlineData(31, 2024, 1, "2024-02-29T17:59:59Z")]  // a leap February, UTC+6 still
    [InlineData(30, 2025, 3, "2025-04-30T18:59:59Z")]  // April has its 30th
    public void Reports_are_due_on_a_day_of_the_following_month_capped_at_its_last_day(int day, int year, int month, string due)
    {
        var deadline = new ReportDeadline(day, new TimeOnly(23, 59, 59));
        var at = Utc(due);

        Assert.Equal(at, deadline.DueAt(new Month(year, month)));
        Assert.False(deadline.IsLate(new Month(year, month), at)); // exactly at the due instant: on time
        Assert.True(deadline.IsLate(new Month(year, month), at.AddTicks(1)));
    }

    [Fact]
    public void The_default_deadline_is_the_10th_at_23_59_59() =>
        Assert.Equal(Utc("2025-04-10T18:59:59Z"), ReportDeadline.Default.DueAt(new Month(2025, 3)));
}
