using System.Text;
using System.Xml;

namespace Reporting.Excel.Reading;

internal static class XmlReading
{
    /// <summary>Safe settings: no DTDs (no entity expansion, no external entities), no resolver.</summary>
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
        CloseInput = true,
    };

    /// <summary>
    /// Decodes OOXML's escapes for characters XML cannot hold ("_x000D_" is a carriage return) and
    /// "_x005F_" (a literal underscore before such a sequence).
    /// </summary>
    public static string DecodeEscapes(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' &&
                IsHex(text[i + 2]) && IsHex(text[i + 3]) && IsHex(text[i + 4]) && IsHex(text[i + 5]))
            {
                builder.Append((char)Convert.ToInt32(text.Substring(i + 2, 4), 16));
                i += 6;
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>
    /// The text of a string item (&lt;si&gt; or &lt;is&gt;): its &lt;t&gt;, or its runs' &lt;t&gt; joined,
    /// without phonetic hints. Leaves the reader on the item's last node (its end tag, or the empty element).
    /// </summary>
    public static string ReadStringItem(XmlReader reader)
    {
        if (reader.IsEmptyElement) return "";
        var depth = reader.Depth;
        string? single = null;
        StringBuilder? many = null;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName is "rPh" or "phoneticPr")
                {
                    reader.Skip();
                    continue;
                }

                if (reader.LocalName == "t")
                {
                    var text = reader.ReadElementContentAsString();
                    if (single is null && many is null) single = text;
                    else (many ??= new StringBuilder(single)).Append(text);
                    continue;
                }
            }

            reader.Read();
        }

        return DecodeEscapes(many?.ToString() ?? single ?? "");
    }
}
