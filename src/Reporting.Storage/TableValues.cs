using System.Globalization;

namespace Reporting.Storage;

/// <summary>
/// The one mapper between domain values and table properties. Table storage has no decimal (it reads
/// back as 0), so amounts and kWh are invariant-culture strings, and the fee is also kept as whole tiyn
/// (long) for sorting and summing. Periods are strings; instants are UTC.
/// </summary>
public static class TableValues
{
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Decimal(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string? text) =>
        decimal.Parse(text ?? throw new FormatException("A decimal property is missing."), NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal? ParseNullableDecimal(string? text) => string.IsNullOrEmpty(text) ? null : ParseDecimal(text);

    /// <summary>Tenge to whole tiyn; the fee is already rounded to 2 decimals, anything finer is refused.</summary>
    public static long Tiyn(decimal kzt)
    {
        var tiyn = kzt * 100;
        if (tiyn != decimal.Truncate(tiyn)) throw new ArgumentException($"{kzt} KZT is not a whole number of tiyn.", nameof(kzt));
        return (long)tiyn;
    }

    public static decimal Kzt(long tiyn) => tiyn / 100m;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseNullableDate(string? text) => string.IsNullOrEmpty(text) ? null : ParseDate(text);

    public static DateTimeOffset Utc(DateTimeOffset instant) => instant.ToUniversalTime();
}

/// <summary>
/// Keys from outside (blob folders, serial numbers) escaped for table keys, which may not hold '/', '\\',
/// '#', '?' or control characters. Valid licence numbers pass through unchanged.
/// </summary>
public static class KeyEncoding
{
    public static string Escape(string text)
    {
        if (text.Length > 0 && text.All(IsSafe)) return text;
        var builder = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsSafe(c)) builder.Append(c);
            else builder.Append('~').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return builder.Length == 0 ? "~" : builder.ToString();
    }

    /// <summary>The upper bound of a key range that starts with <paramref name="prefix"/>.</summary>
    public static string RangeEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static bool IsSafe(char c) => c > 0x1F && c is not ('/' or '\\' or '#' or '?' or '~' or '\u007F') && c is not (>= '\u0080' and <= '\u009F');
}
