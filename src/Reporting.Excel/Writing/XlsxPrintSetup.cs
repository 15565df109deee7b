using System.Globalization;
using System.Security;
using System.Text;

namespace Reporting.Excel.Writing;

/// <summary>
/// How a sheet prints: on A4, landscape or portrait, scaled to one page wide (as many pages tall as it takes), with
/// rows repeated at the top of every page (Excel's print titles) and a footer in Excel's codes (see <see cref="Footer"/>).
/// </summary>
public sealed record XlsxPrintSetup(bool Landscape = true, bool FitToPageWidth = true, int? RepeatRowFrom = null, int? RepeatRowTo = null, string? FooterCodes = null)
{
    private const int A4 = 9;

    /// <summary>
    /// A footer in Excel's codes: left, centre and right sections; text is escaped ("&amp;" doubled), codes passed as
    /// they are (&amp;P page, &amp;N pages, &amp;A sheet name).
    /// </summary>
    public static string Footer(string? left, string? centerCodes, string? rightCodes) =>
        (left is null ? "" : "&L" + left.Replace("&", "&&", StringComparison.Ordinal)) +
        (centerCodes is null ? "" : "&C" + centerCodes) +
        (rightCodes is null ? "" : "&R" + rightCodes);

    /// <summary>The sheet's rows to repeat, as a print-titles reference ($1:$1), or null.</summary>
    internal string? RepeatRows => RepeatRowFrom is { } from
        ? string.Create(CultureInfo.InvariantCulture, $"${from}:${RepeatRowTo ?? from}")
        : null;

    /// <summary>The worksheet's &lt;sheetPr&gt;: Excel applies fitToWidth only with fitToPage set here.</summary>
    internal string SheetProperties => FitToPageWidth ? """<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>""" : "";

    /// <summary>The worksheet's print elements, in the schema's order (after the sheet data and filter).</summary>
    internal string Elements()
    {
        var x = new StringBuilder();
        x.Append("""<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.7" header="0.3" footer="0.3"/>""");
        x.Append(CultureInfo.InvariantCulture, $"""<pageSetup paperSize="{A4}" orientation="{(Landscape ? "landscape" : "portrait")}" """);
        x.Append(FitToPageWidth ? """fitToWidth="1" fitToHeight="0"/>""" : "/>");
        if (FooterCodes is not null) x.Append("<headerFooter><oddFooter>").Append(SecurityElement.Escape(FooterCodes)).Append("</oddFooter></headerFooter>");
        return x.ToString();
    }
}
