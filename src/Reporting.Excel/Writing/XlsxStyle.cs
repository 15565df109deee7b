using System.Globalization;
using System.Security;
using System.Text;

namespace Reporting.Excel.Writing;

/// <summary>
/// A cell format for <see cref="XlsxWriter"/>: number format, bold, background colour (RGB hex, e.g.
/// "DDEBF7"), wrapped text, a thin top border, and Excel's quote prefix (text shown as typed, never taken
/// for a formula when edited).
/// </summary>
public sealed record XlsxStyle(
    string? NumberFormat = null,
    bool Bold = false,
    string? Fill = null,
    bool Wrap = false,
    bool TopBorder = false,
    bool QuotePrefix = false)
{
    public static XlsxStyle Default { get; } = new();
}

/// <summary>The styles a workbook uses, numbered in the order first asked for (0 is the default).</summary>
internal sealed class XlsxStyleSheet
{
    private const int FirstCustomFormat = 164;

    private readonly Dictionary<XlsxStyle, int> _index = new() { [XlsxStyle.Default] = 0 };
    private readonly List<XlsxStyle> _styles = [XlsxStyle.Default];

    public int IndexOf(XlsxStyle style)
    {
        if (!_index.TryGetValue(style, out var index))
        {
            index = _styles.Count;
            _styles.Add(style);
            _index[style] = index;
        }

        return index;
    }

    public string ToXml()
    {
        // Every number format is written as a custom one, so readers get back exactly the code that was asked for.
        var formats = _styles.Select(s => s.NumberFormat).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var fills = _styles.Select(s => s.Fill).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var x = new StringBuilder();
        x.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        if (formats.Count > 0)
        {
            x.Append(CultureInfo.InvariantCulture, $"<numFmts count=\"{formats.Count}\">");
            for (var i = 0; i < formats.Count; i++)
                x.Append(CultureInfo.InvariantCulture, $"<numFmt numFmtId=\"{FirstCustomFormat + i}\" formatCode=\"{SecurityElement.Escape(formats[i])}\"/>");
            x.Append("</numFmts>");
        }

        x.Append("""<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>""");
        x.Append(CultureInfo.InvariantCulture, $"""<fills count="{2 + fills.Count}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>""");
        foreach (var fill in fills) x.Append(CultureInfo.InvariantCulture, $"""<fill><patternFill patternType="solid"><fgColor rgb="FF{fill.ToUpperInvariant()}"/><bgColor indexed="64"/></patternFill></fill>""");
        x.Append("</fills>");
        x.Append("""<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top style="thin"><color indexed="64"/></top><bottom/><diagonal/></border></borders>""");
        x.Append("""<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>""");
        x.Append(CultureInfo.InvariantCulture, $"<cellXfs count=\"{_styles.Count}\">");
        foreach (var style in _styles)
        {
            var format = style.NumberFormat is null ? 0 : FirstCustomFormat + formats.IndexOf(style.NumberFormat);
            var fill = style.Fill is null ? 0 : 2 + fills.FindIndex(f => string.Equals(f, style.Fill, StringComparison.OrdinalIgnoreCase));
            x.Append(CultureInfo.InvariantCulture, $"<xf numFmtId=\"{format}\" fontId=\"{(style.Bold ? 1 : 0)}\" fillId=\"{fill}\" borderId=\"{(style.TopBorder ? 1 : 0)}\" xfId=\"0\"");
            if (format != 0) x.Append(" applyNumberFormat=\"1\"");
            if (style.Bold) x.Append(" applyFont=\"1\"");
            if (fill != 0) x.Append(" applyFill=\"1\"");
            if (style.TopBorder) x.Append(" applyBorder=\"1\"");
            if (style.QuotePrefix) x.Append(" quotePrefix=\"1\"");
            if (style.Wrap) x.Append(" applyAlignment=\"1\"><alignment wrapText=\"1\"/></xf>");
            else x.Append("/>");
        }

        x.Append("</cellXfs>");
        x.Append("""<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""");
        return x.ToString();
    }
}
