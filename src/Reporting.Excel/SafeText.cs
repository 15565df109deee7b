using ClosedXML.Excel;

namespace Reporting.Excel;

/// <summary>
/// Text that came from outside (a miner's file, a blob name) written into a workbook or CSV must never
/// become a formula: a leading =, +, -, @, tab or carriage return is neutralised.
/// </summary>
public static class SafeText
{
    public static bool LooksLikeFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Writes text as a text cell; formula-like text gets Excel's quote prefix (shown as typed, never evaluated).</summary>
    public static void Write(IXLCell cell, string? text)
    {
        if (text is null) return;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
    }

    /// <summary>A CSV field: formula-like text is prefixed with an apostrophe, and quoted when it holds separators, quotes or line breaks.</summary>
    public static string Csv(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (LooksLikeFormula(text)) text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
