using System.Globalization;
using System.Xml;

namespace Reporting.Excel.Reading;

/// <summary>
/// Streams a worksheet's rows with an XmlReader: memory stays flat however many rows the sheet has.
/// Values are typed from the file (number, text, boolean, error), dates from the cell's style, and
/// formula cells through their cached result.
/// </summary>
internal sealed class SheetReader(string[] sharedStrings, StyleTable styles, bool date1904)
{
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
                        inline = XmlReading.ReadStringItem(reader);
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
                if (styles.IsDate(style) && TryDate(number, out var date)) return CellValue.FromDate(date, number, formula);
                return CellValue.FromNumber(number, formula);
        }
    }

    private bool TryDate(double serial, out DateTime date)
    {
        date = default;
        if (date1904) serial += 1462;
        if (double.IsNaN(serial) || serial < 1 || serial > 2_958_465) return false;
        // Excel's 1900 date system counts a 29 February 1900 that never existed (serial 60).
        date = DateTime.FromOADate(serial < 61 ? serial + 1 : serial);
        return true;
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
