using System.Globalization;

namespace Reporting.Domain.Periods;

/// <summary>A calendar quarter, the tax period of the digital mining fee ("2025-Q1").</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    public Quarter(int year, int number)
    {
        if (year is < 2000 or > 2999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 2000 and 2999.");
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number), number, "Quarter must be between 1 and 4.");
        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    public Month FirstMonth => new(Year, (Number - 1) * 3 + 1);
    public Month LastMonth => new(Year, Number * 3);
    public IReadOnlyList<Month> Months => [FirstMonth, FirstMonth.Next, LastMonth];
    public DateOnly Start => FirstMonth.Start;
    public DateOnly End => LastMonth.End;
    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);
    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public static Quarter Of(DateOnly date) => Month.Of(date).Quarter;

    public bool Contains(DateOnly date) => date >= Start && date <= End;
    public bool Contains(Month month) => month.Quarter == this;

    /// <summary>Parses exactly "YYYY-Qn".</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is null) return false;
        var s = text.Trim();
        if (s.Length != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q')) return false;
        if (!int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        var number = s[6] - '0';
        if (year is < 2000 or > 2999 || number is < 1 or > 4) return false;
        quarter = new Quarter(year, number);
        return true;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter) ? quarter : throw new FormatException($"'{text}' is not a quarter in the form YYYY-Qn.");

    public int CompareTo(Quarter other) => (Year * 4 + Number).CompareTo(other.Year * 4 + other.Number);

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;
    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");
}
