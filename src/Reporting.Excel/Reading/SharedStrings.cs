using System.Globalization;

namespace Reporting.Excel.Reading;

/// <summary>The workbook's shared string table: text cells refer to it by index.</summary>
internal static class SharedStrings
{
    /// <summary>Most entries the table is sized for up front from its own count (a hint the file could inflate).</summary>
    private const int MaxInitialCapacity = 1 << 20;

    public static string[] Read(Stream stream)
    {
        using var xml = new SpreadsheetXmlScanner(stream);
        var strings = Array.Empty<string>();
        var count = 0;
        var text = new char[256];
        var part = new char[256];
        XmlToken token;
        while ((token = xml.Read()) != XmlToken.EndOfFile)
        {
            if (token != XmlToken.StartElement) continue;
            if (xml.IsLocalName("si"u8))
            {
                if (count == strings.Length) Array.Resize(ref strings, Math.Max(16, count * 2));
                strings[count++] = XmlText.ReadStringItem(xml, ref text, ref part);
            }
            else if (xml.IsLocalName("sst"u8) && count == 0)
            {
                // Excel states how many entries follow; sizing for them avoids copying a large array while it grows.
                var capacity = 0;
                for (var i = 0; i < xml.AttributeCount; i++)
                {
                    if ((xml.IsAttribute(i, "uniqueCount"u8) || (capacity == 0 && xml.IsAttribute(i, "count"u8))) &&
                        int.TryParse(xml.AttributeValue(i), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > 0)
                        capacity = declared;
                }

                if (capacity > 0) strings = new string[Math.Min(capacity, MaxInitialCapacity)];
            }
        }

        if (count != strings.Length) Array.Resize(ref strings, count);
        return strings;
    }
}
