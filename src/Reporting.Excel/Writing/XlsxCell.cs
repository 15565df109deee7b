using System.Globalization;

namespace Reporting.Excel.Writing;

public enum XlsxCellKind
{
    Empty,
    Text,
    Number,
    Date,
    Formula,
    Boolean,
}

/// <summary>A value for <see cref="XlsxWriter"/>. Formulas may carry a cached result, or deliberately none.</summary>
public readonly record struct XlsxCell(XlsxCellKind Kind, string? Text, double Number, DateOnly Date, string? CachedResult)
{
    public static XlsxCell Empty => default;

    /// <summary>The cell format (from <see cref="XlsxWriter.Style"/>); 0 is the default (dates get yyyy-mm-dd).</summary>
    public int Style { get; init; }

    public XlsxCell WithStyle(int style) => this with { Style = style };

    /// <summary>A date and time as Excel stores it (a serial number); give it a date format with <see cref="WithStyle"/>.</summary>
    public static XlsxCell OfDateTime(DateTime value) => Of(value.ToOADate());

    public static XlsxCell Of(string? text) => text is null ? Empty : new(XlsxCellKind.Text, text, 0, default, null);
    public static XlsxCell Of(decimal number) => new(XlsxCellKind.Number, number.ToString(CultureInfo.InvariantCulture), 0, default, null);
    public static XlsxCell Of(decimal? number) => number is { } n ? Of(n) : Empty;
    public static XlsxCell Of(double number) => new(XlsxCellKind.Number, number.ToString("R", CultureInfo.InvariantCulture), number, default, null);
    public static XlsxCell Of(DateOnly date) => new(XlsxCellKind.Date, null, 0, date, null);
    public static XlsxCell Of(bool value) => new(XlsxCellKind.Boolean, value ? "1" : "0", 0, default, null);

    /// <summary>A formula; <paramref name="cachedResult"/> null writes it without a saved result, as some tools do.</summary>
    public static XlsxCell Formula(string formula, double? cachedResult) =>
        new(XlsxCellKind.Formula, formula, 0, default, cachedResult?.ToString("R", CultureInfo.InvariantCulture));

    public static implicit operator XlsxCell(string? text) => Of(text);
    public static implicit operator XlsxCell(decimal number) => Of(number);
    public static implicit operator XlsxCell(int number) => Of((decimal)number);
    public static implicit operator XlsxCell(DateOnly date) => Of(date);
}
