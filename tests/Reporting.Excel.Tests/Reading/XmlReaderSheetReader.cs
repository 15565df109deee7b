using System.Globalization;
using System.Text;
using System.Xml;

using Reporting.Excel.Reading;

namespace Reporting.Excel.Tests.Reading;

/// <summary>
/// The test oracle for <see cref="SpreadsheetXmlScanner"/>: the pipeline's earlier sheet reader, built on
/// System.Xml.XmlReader. The scanner-based reader must read every sheet exactly as this one does, and
/// reject every sheet this one rejects.
/// </summary>
internal sealed class XmlReaderSheetReader(string[] sharedStrings, StyleTable styles, bool date1904)
{
    /// <summary>The earlier shared string table reader, on the same XmlReader settings.</summary>
    public static string[] ReadSharedStrings(Stream stream)
    {
        var strings = new List<string>();
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si") strings.Add(ReadStringItem(reader));
        }

        return [.. strings];
    }

    public IEnumerable<SheetRow> ReadRows(Stream stream)
    {
        using var reader = XmlReader.Create(stream, XmlReading.Settings);
        var names = reader.NameTable;
        var sheetDataName = names.Add("sheetData");
        var rowName = names.Add("row");

        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, sheetDataName))
            {
                if (reader.IsEmptyElement) yield break;
                break;
            }
        }

        var row = new SheetRow();
        var lastRow = 0;
        var cellNames = new CellNames(names);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && ReferenceEquals(reader.LocalName, sheetDataName)) yield break;
            if (reader.NodeType != XmlNodeType.Element || !ReferenceEquals(reader.LocalName, rowName)) continue;

            row.Clear();
            var number = ParseInt(reader.GetAttribute("r"));
            row.Number = number > 0 ? number : lastRow + 1;
            lastRow = row.Number;
            if (!reader.IsEmptyElement) ReadCells(reader, row, cellNames);
            yield return row;
        }
    }

    private void ReadCells(XmlReader reader, SheetRow row, CellNames names)
    {
        var nextColumn = 1;
        reader.Read();
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && ReferenceEquals(reader.LocalName, names.Row)))
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            if (!ReferenceEquals(reader.LocalName, names.Cell))
            {
                reader.Skip();
                continue;
            }

            var reference = reader.GetAttribute("r");
            var column = reference is null ? nextColumn : CellReference.ParseColumn(reference);
            if (column <= 0) column = nextColumn;
            var type = reader.GetAttribute("t");
            var style = ParseInt(reader.GetAttribute("s"));
            string? value = null;
            string? inline = null;
            var formula = false;
            if (!reader.IsEmptyElement)
            {
                reader.Read();
                while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && ReferenceEquals(reader.LocalName, names.Cell)))
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        reader.Read();
                        continue;
                    }

                    var name = reader.LocalName;
                    if (ReferenceEquals(name, names.Value))
                    {
                        value = reader.ReadElementContentAsString();
                    }
                    else if (ReferenceEquals(name, names.Formula))
                    {
                        formula = true;
                        reader.Skip();
                    }
                    else if (ReferenceEquals(name, names.InlineString))
                    {
                        inline = ReadStringItem(reader);
                        reader.Read();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }

            row.Set(column, Convert(type, value, inline, formula, style));
            nextColumn = column + 1;
            reader.Read();
        }
    }

    private static string ReadStringItem(XmlReader reader)
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

        return XmlReading.DecodeEscapes(many?.ToString() ?? single ?? "");
    }

    private CellValue Convert(string? type, string? value, string? inline, bool formula, int style)
    {
        if (formula && (value is null || (value.Length == 0 && type != "str"))) return CellValue.MissingFormulaResult;
        // Some writers (ClosedXML) keep a type on cells that hold nothing: <c r="B2" s="2" t="s"/>.
        if (value is null && inline is null) return CellValue.Empty;
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < sharedStrings.Length
                    ? CellValue.FromText(sharedStrings[index], formula)
                    : CellValue.FromError("#BROKEN-SHARED-STRING", formula);
            case "inlineStr":
                return CellValue.FromText(inline ?? value ?? "", formula);
            case "str":
                return CellValue.FromText(XmlReading.DecodeEscapes(value ?? ""), formula);
            case "b":
                return CellValue.FromBoolean(value is "1" or "true", formula);
            case "e":
                return CellValue.FromError(value ?? "#ERROR", formula);
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso)
                    ? CellValue.FromDate(iso, iso.ToOADate(), formula)
                    : CellValue.FromText(value ?? "", formula);
            default:
                if (string.IsNullOrEmpty(value)) return CellValue.Empty;
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    return CellValue.FromText(value, formula);
                if (styles.IsDate(style) && ExcelDates.TryFromSerial(number, date1904, out var date)) return CellValue.FromDate(date, number, formula);
                return CellValue.FromNumber(number, formula);
        }
    }

    private static int ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private sealed class CellNames(XmlNameTable names)
    {
        public string Row { get; } = names.Add("row");
        public string Cell { get; } = names.Add("c");
        public string Value { get; } = names.Add("v");
        public string Formula { get; } = names.Add("f");
        public string InlineString { get; } = names.Add("is");
    }
}
