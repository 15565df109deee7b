using System.Xml;

namespace Reporting.Excel.Reading;

/// <summary>The workbook's shared string table: text cells refer to it by index.</summary>
internal static class SharedStrings
{
    public static string[] Read(Stream stream)
    {
        var strings = new List<string>();
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
            {
                strings.Add(XmlReading.ReadStringItem(reader));
            }
        }

        return [.. strings];
    }
}
