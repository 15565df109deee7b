using Reporting.Domain.Periods;
using Reporting.Excel.Writing;

namespace Reporting.Excel.Consolidation;

/// <summary>Cells with the report's formats. Text from outside that looks like a formula gets the quote prefix.</summary>
internal sealed class ReportCells(XlsxWriter writer)
{
    private readonly int _header = writer.Style(new XlsxStyle(Bold: true, Fill: "DDEBF7", Wrap: true));
    private readonly int _quoted = writer.Style(new XlsxStyle(QuotePrefix: true));
    private readonly Dictionary<string, int> _formats = new(StringComparer.Ordinal);

    public XlsxCell Header(string text) => XlsxCell.Of(text).WithStyle(_header);

    public XlsxCell Text(string? text, bool bold = false, bool total = false)
    {
        if (text is null) return XlsxCell.Empty;
        var quoted = SafeText.LooksLikeFormula(text);
        var style = bold || total ? writer.Style(new XlsxStyle(Bold: true, TopBorder: total, QuotePrefix: quoted)) : quoted ? _quoted : 0;
        return XlsxCell.Of(text).WithStyle(style);
    }

    public XlsxCell Number(decimal? value, string format, bool total = false) => value is null
        ? XlsxCell.Empty
        : XlsxCell.Of(value.Value).WithStyle(total ? writer.Style(new XlsxStyle(format, Bold: true, TopBorder: true)) : Format(format));

    public XlsxCell DateTime(DateTime value, string format) => XlsxCell.OfDateTime(value).WithStyle(Format(format));

    /// <summary>The style of a plain number format, looked up once per format (cells are many, formats few).</summary>
    private int Format(string format)
    {
        if (!_formats.TryGetValue(format, out var style)) _formats[format] = style = writer.Style(new XlsxStyle(format));
        return style;
    }

    public XlsxCell Instant(DateTimeOffset instant) => DateTime(KazakhstanTime.ToLocal(instant).DateTime, QuarterlyReportWriter.DateTimeFormat);
}
