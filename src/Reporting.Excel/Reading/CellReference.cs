using System.Globalization;

namespace Reporting.Excel.Reading;

/// <summary>A1-style cell addresses: column letters and 1-based row numbers.</summary>
public static class CellReference
{
    /// <summary>"A" -> 1, "Z" -> 26, "AA" -> 27.</summary>
    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(column, 1);
        Span<char> buffer = stackalloc char[4];
        var i = buffer.Length;
        while (column > 0)
        {
            column--;
            buffer[--i] = (char)('A' + column % 26);
            column /= 26;
        }

        return new string(buffer[i..]);
    }

    public static string Address(int column, int row) =>
        ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses "B7" into column 2, row 7. Returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out int column, out int row)
    {
        column = 0;
        row = 0;
        var i = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            column = column * 26 + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            if (column > 16_384) return false;
            i++;
        }

        if (i == 0) return false;
        if (i == text.Length) return false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9') return false;
            row = row * 10 + (c - '0');
            if (row > 1_048_576) return false;
        }

        return row > 0;
    }

    /// <summary>Parses only the column letters of "B7" (rows may be absent in some writers' output).</summary>
    public static int ParseColumn(ReadOnlySpan<char> text)
    {
        var column = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c)) break;
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column;
    }
}
