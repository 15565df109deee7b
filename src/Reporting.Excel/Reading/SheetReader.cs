using System.Globalization;
using System.Xml;

namespace Reporting.Excel.Reading;

/// <summary>
/// Streams a worksheet's rows: memory stays flat however many rows the sheet has. Values are typed from
/// the file (number, text, boolean, error), dates from the cell's style, and formula cells through their
/// cached result. The sheet's XML is read by <see cref="SpreadsheetXmlScanner"/>, which hands over values as
/// characters in a reused buffer: a cell allocates only the text it keeps (see docs/performance.md).
/// </summary>
internal sealed class SheetReader(string[] sharedStrings, StyleTable styles, bool date1904)
{
    /// <summary>The cell types of the t attribute ("n", or no attribute, is a number).</summary>
    private enum CellType
    {
        Number,
        SharedString,
        InlineString,
        FormulaString,
        Boolean,
        Error,
        IsoDate,
    }

    private char[] _value = new char[64];
    private char[] _item = new char[64];
    private char[] _part = new char[64];

    public IEnumerable<SheetRow> ReadRows(Stream stream)
    {
        using var xml = new SpreadsheetXmlScanner(stream);
        while (true)
        {
            var token = xml.Read();
            if (token == XmlToken.EndOfFile) yield break;
            if (token == XmlToken.StartElement && xml.IsLocalName("sheetData"u8))
            {
                if (xml.IsEmptyElement) yield break;
                break;
            }
        }

        var row = new SheetRow();
        var lastRow = 0;
        while (true)
        {
            var token = xml.Read();
            if (token == XmlToken.EndOfFile) yield break;
            if (token == XmlToken.EndElement && xml.IsLocalName("sheetData"u8)) yield break;
            if (token != XmlToken.StartElement || !xml.IsLocalName("row"u8)) continue;

            row.Clear();
            var number = 0;
            for (var i = 0; i < xml.AttributeCount; i++)
            {
                if (xml.IsAttribute(i, "r"u8)) number = ParseInt(xml.AttributeValue(i));
            }

            row.Number = number > 0 ? number : lastRow + 1;
            lastRow = row.Number;
            if (!xml.IsEmptyElement) ReadCells(xml, row);
            yield return row;
        }
    }

    private void ReadCells(SpreadsheetXmlScanner xml, SheetRow row)
    {
        var nextColumn = 1;
        while (true)
        {
            var token = xml.Read();
            if (token == XmlToken.EndOfFile || (token == XmlToken.EndElement && xml.IsLocalName("row"u8))) return;
            if (token != XmlToken.StartElement) continue;
            if (!xml.IsLocalName("c"u8))
            {
                xml.Skip();
                continue;
            }

            var (column, type, style) = ReadCellAttributes(xml);
            if (column <= 0) column = nextColumn;
            var valueLength = -1; // -1: the cell has no <v>
            string? inline = null;
            var formula = false;
            if (!xml.IsEmptyElement)
            {
                var depth = xml.Depth;
                while (true)
                {
                    token = xml.Read();
                    if (token == XmlToken.EndElement && xml.Depth == depth - 1) break;
                    if (token == XmlToken.EndOfFile) throw new XmlException("The XML ends inside a cell.");
                    if (token != XmlToken.StartElement) continue;
                    if (xml.IsLocalName("v"u8))
                    {
                        valueLength = XmlText.ReadText(xml, ref _value, preserveSpace: false);
                    }
                    else if (xml.IsLocalName("f"u8))
                    {
                        formula = true;
                        xml.Skip();
                    }
                    else if (xml.IsLocalName("is"u8))
                    {
                        inline = XmlText.ReadStringItem(xml, ref _item, ref _part);
                    }
                    else
                    {
                        xml.Skip();
                    }
                }
            }

            row.Set(column, Convert(type, valueLength < 0 ? [] : _value.AsSpan(0, valueLength), valueLength >= 0, inline, formula, style));
            nextColumn = column + 1;
        }
    }

    private static (int Column, CellType Type, int Style) ReadCellAttributes(SpreadsheetXmlScanner xml)
    {
        var column = 0;
        var type = CellType.Number;
        var style = 0;
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            if (xml.IsAttribute(i, "r"u8)) column = CellReference.ParseColumn(xml.AttributeValue(i));
            else if (xml.IsAttribute(i, "t"u8)) type = ParseType(xml.AttributeValue(i));
            else if (xml.IsAttribute(i, "s"u8)) style = ParseInt(xml.AttributeValue(i));
        }

        return (column, type, style);
    }

    private CellValue Convert(CellType type, ReadOnlySpan<char> value, bool hasValue, string? inline, bool formula, int style)
    {
        if (formula && (!hasValue || (value.Length == 0 && type != CellType.FormulaString))) return CellValue.MissingFormulaResult;
        // Some writers (ClosedXML) keep a type on cells that hold nothing: <c r="B2" s="2" t="s"/>.
        if (!hasValue && inline is null) return CellValue.Empty;
        switch (type)
        {
            case CellType.SharedString:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < sharedStrings.Length
                    ? CellValue.FromText(sharedStrings[index], formula)
                    : CellValue.FromError("#BROKEN-SHARED-STRING", formula);
            case CellType.InlineString:
                return CellValue.FromText(inline ?? value.ToString(), formula);
            case CellType.FormulaString:
                return CellValue.FromText(XmlReading.DecodeEscapes(value.ToString()), formula);
            case CellType.Boolean:
                return CellValue.FromBoolean(value is "1" or "true", formula);
            case CellType.Error:
                return CellValue.FromError(hasValue ? value.ToString() : "#ERROR", formula);
            case CellType.IsoDate:
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso)
                    ? CellValue.FromDate(iso, iso.ToOADate(), formula)
                    : CellValue.FromText(value.ToString(), formula);
            default:
                if (value.IsEmpty) return CellValue.Empty;
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    return CellValue.FromText(value.ToString(), formula);
                if (styles.IsDate(style) && ExcelDates.TryFromSerial(number, date1904, out var date)) return CellValue.FromDate(date, number, formula);
                return CellValue.FromNumber(number, formula);
        }
    }

    private static CellType ParseType(ReadOnlySpan<char> text) => text switch
    {
        "s" => CellType.SharedString,
        "inlineStr" => CellType.InlineString,
        "str" => CellType.FormulaString,
        "b" => CellType.Boolean,
        "e" => CellType.Error,
        "d" => CellType.IsoDate,
        _ => CellType.Number,
    };

    private static int ParseInt(ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
