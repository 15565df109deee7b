using System.Xml;

namespace Reporting.Excel.Reading;

/// <summary>Reads the text of cells and string items through <see cref="SpreadsheetXmlScanner"/>.</summary>
internal static class XmlText
{
    /// <summary>
    /// The text of the current element (&lt;v&gt; or &lt;t&gt;) into <paramref name="target"/>; returns its length and
    /// leaves the scanner on the element's end. White space alone counts only where it is to be preserved
    /// (xml:space="preserve"), as an XML reader that ignores insignificant white space reports it.
    /// </summary>
    public static int ReadText(SpreadsheetXmlScanner xml, ref char[] target, bool preserveSpace)
    {
        if (xml.IsEmptyElement) return 0;
        var depth = xml.Depth;
        var length = 0;
        while (true)
        {
            var token = xml.Read();
            if (token == XmlToken.EndElement && xml.Depth == depth - 1) return length;
            switch (token)
            {
                case XmlToken.Text when !xml.IsWhitespace || preserveSpace:
                    var text = xml.Text;
                    if (length + text.Length > target.Length) Array.Resize(ref target, Math.Max(target.Length * 2, length + text.Length));
                    text.CopyTo(target.AsSpan(length));
                    length += text.Length;
                    break;
                case XmlToken.StartElement:
                    throw new XmlException("Unexpected element inside a value.");
                case XmlToken.EndOfFile:
                    throw new XmlException("The XML ends inside a value.");
            }
        }
    }

    /// <summary>
    /// The text of a string item (&lt;si&gt; in the shared strings, &lt;is&gt; in a cell): its &lt;t&gt;, or its runs' &lt;t&gt; joined, without phonetic hints.
    /// Leaves the scanner on the item's end. The buffers are the caller's, reused from item to item.
    /// </summary>
    public static string ReadStringItem(SpreadsheetXmlScanner xml, ref char[] text, ref char[] part)
    {
        if (xml.IsEmptyElement) return "";
        var depth = xml.Depth;
        var length = 0;
        while (true)
        {
            var token = xml.Read();
            if (token == XmlToken.EndElement && xml.Depth == depth - 1) break;
            if (token == XmlToken.EndOfFile) throw new XmlException("The XML ends inside a text.");
            if (token != XmlToken.StartElement) continue;
            if (xml.IsLocalName("rPh"u8) || xml.IsLocalName("phoneticPr"u8))
            {
                xml.Skip();
            }
            else if (xml.IsLocalName("t"u8))
            {
                var preserve = false;
                for (var i = 0; i < xml.AttributeCount; i++)
                {
                    if (xml.IsAttribute(i, "xml:space"u8)) preserve = xml.AttributeValue(i) is "preserve";
                }

                var partLength = ReadText(xml, ref part, preserve);
                if (length + partLength > text.Length) Array.Resize(ref text, Math.Max(text.Length * 2, length + partLength));
                part.AsSpan(0, partLength).CopyTo(text.AsSpan(length));
                length += partLength;
            }
        }

        return XmlReading.DecodeEscapes(new string(text, 0, length));
    }
}
