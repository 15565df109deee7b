using System.Globalization;

namespace Reporting.Domain.Periods;

/// <summary>A calendar month, the period of one miner's report ("2025-03").</summary>
public readonly record struct Month : IComparable<Month>
{
    public Month(int year, int number)
    {
        if (year is < 2000 or > 2999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 2000 and 2999.");
        if (number is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(number), number, "Month must be between 1 and 12.");
        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    public DateOnly Start => new(Year, Number, 1);
    public DateOnly End => Start.AddMonths(1).AddDays(-1);
    public int Days => DateTime.DaysInMonth(Year, Number);
    public int Hours => Days * 24;
    public Quarter Quarter => new(Year, (Number - 1) / 3 + 1);
    public Month Next => Number == 12 ? new Month(Year + 1, 1) : new Month(Year, Number + 1);
    public Month Previous => Number == 1 ? new Month(Year - 1, 12) : new Month(Year, Number - 1);

    public static Month Of(DateOnly date) => new(date.Year, date.Month);

    /// <summary>The month of a date, when its year is one a report can have (2000–2999); for dates typed by people.</summary>
    public static bool TryOf(DateOnly date, out Month month)
    {
        month = date.Year is >= 2000 and <= 2999 ? new Month(date.Year, date.Month) : default;
        return date.Year is >= 2000 and <= 2999;
    }

    public bool Contains(DateOnly date) => date.Year == Year && date.Month == Number;

    /// <summary>Parses exactly "YYYY-MM".</summary>
    public static bool TryParse(string? text, out Month month)
    {
        month = default;
        if (text is null) return false;
        var s = text.Trim();
        if (s.Length != 7 || s[4] != '-') return false;
        if (!int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        if (year is < 2000 or > 2999 || number is < 1 or > 12) return false;
        month = new Month(year, number);
        return true;
    }

    public static Month Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month in the form YYYY-MM.");

    public int CompareTo(Month other) => (Year * 12 + Number).CompareTo(other.Year * 12 + other.Number);

    public static bool operator <(Month left, Month right) => left.CompareTo(right) < 0;
    public static bool operator >(Month left, Month right) => left.CompareTo(right) > 0;
    public static bool operator <=(Month left, Month right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Month left, Month right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}");
}
