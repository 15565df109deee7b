using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Reporting.Excel.Writing;

public sealed record XlsxWriterOptions
{
    /// <summary>Text through the shared string table (as Excel writes) or inline in each cell.</summary>
    public bool SharedStrings { get; init; } = true;

    /// <summary>Writes a macro-enabled package (.xlsm) with a VBA project part, for tests of the macro guard.</summary>
    public bool MacroEnabled { get; init; }

    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;
}

/// <summary>
/// A minimal, fast SpreadsheetML writer for generated data (samples, the demo's uploads, benchmarks):
/// rows stream straight into the zip, so a million-row sheet costs no more memory than a small one.
/// Human-facing workbooks (templates, feedback, reports) are written with ClosedXML instead.
/// </summary>
public sealed class XlsxWriter : IDisposable
{
    private const int DateStyle = 1;

    // A fixed timestamp on every part makes the same content produce the same bytes (reproducible samples).
    private static readonly DateTimeOffset PartTimestamp = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly XlsxWriterOptions _options;
    private readonly List<string> _sheetNames = [];
    private readonly Dictionary<string, int> _sharedIndex = new(StringComparer.Ordinal);
    private readonly List<string> _shared = [];
    private SheetWriter? _current;
    private bool _finished;

    public XlsxWriter(Stream output, XlsxWriterOptions? options = null)
    {
        _options = options ?? new XlsxWriterOptions();
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Utf8);
    }

    /// <summary>Starts a sheet; the previous one is finished. Write its rows in ascending order.</summary>
    public SheetWriter AddSheet(string name)
    {
        _current?.Finish();
        _sheetNames.Add(name);
        var entry = CreateEntry($"xl/worksheets/sheet{_sheetNames.Count}.xml", _options.Compression);
        _current = new SheetWriter(this, new StreamWriter(entry.Open(), Utf8, 1 << 16));
        return _current;
    }

    /// <summary>Adds an arbitrary part (e.g. incompressible media to make a large file).</summary>
    public void AddRawPart(string path, ReadOnlySpan<byte> content, CompressionLevel level = CompressionLevel.NoCompression)
    {
        _current?.Finish();
        _current = null;
        using var stream = CreateEntry(path, level).Open();
        stream.Write(content);
    }

    internal int SharedStringIndex(string text)
    {
        if (!_sharedIndex.TryGetValue(text, out var index))
        {
            index = _shared.Count;
            _shared.Add(text);
            _sharedIndex[text] = index;
        }

        return index;
    }

    internal bool UseSharedStrings => _options.SharedStrings;

    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        _current?.Finish();
        if (_sheetNames.Count == 0) AddSheet("Sheet1").Finish();

        var macro = _options.MacroEnabled;
        Write("[Content_Types].xml", ContentTypes(macro));
        Write("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Write("xl/workbook.xml", Workbook());
        Write("xl/_rels/workbook.xml.rels", WorkbookRelationships(macro));
        Write("xl/styles.xml", Styles);
        if (_options.SharedStrings) Write("xl/sharedStrings.xml", SharedStringsXml());
        if (macro)
        {
            // A stand-in VBA project: the guard rejects on the package's content type and part name, never runs it.
            using var vba = CreateEntry("xl/vbaProject.bin", _options.Compression).Open();
            vba.Write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        }

        _zip.Dispose();
    }

    private void Write(string path, string content)
    {
        using var writer = new StreamWriter(CreateEntry(path, _options.Compression).Open(), Utf8);
        writer.Write(content);
    }

    private ZipArchiveEntry CreateEntry(string path, CompressionLevel level)
    {
        var entry = _zip.CreateEntry(path, level);
        entry.LastWriteTime = PartTimestamp;
        return entry;
    }

    private string ContentTypes(bool macro)
    {
        var builder = new StringBuilder();
        builder.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""");
        builder.Append("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="png" ContentType="image/png"/>""");
        var main = macro ? "application/vnd.ms-excel.sheet.macroEnabled.main+xml" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
        builder.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/workbook.xml" ContentType="{main}"/>""");
        for (var i = 1; i <= _sheetNames.Count; i++)
            builder.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
        builder.Append("""<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>""");
        if (_options.SharedStrings)
            builder.Append("""<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
        builder.Append("</Types>");
        return builder.ToString();
    }

    private string Workbook()
    {
        var builder = new StringBuilder();
        builder.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>""");
        for (var i = 0; i < _sheetNames.Count; i++)
            builder.Append(CultureInfo.InvariantCulture, $"""<sheet name="{SecurityElement.Escape(_sheetNames[i])}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
        builder.Append("</sheets></workbook>");
        return builder.ToString();
    }

    private string WorkbookRelationships(bool macro)
    {
        var builder = new StringBuilder();
        builder.Append("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 1; i <= _sheetNames.Count; i++)
            builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        var next = _sheetNames.Count + 1;
        builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{next}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>""");
        if (_options.SharedStrings)
            builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{next + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""");
        if (macro)
            builder.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{next + 2}" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>""");
        builder.Append("</Relationships>");
        return builder.ToString();
    }

    private string SharedStringsXml()
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{_shared.Count}" uniqueCount="{_shared.Count}">""");
        foreach (var text in _shared) builder.Append("<si><t xml:space=\"preserve\">").Append(SecurityElement.Escape(text)).Append("</t></si>");
        builder.Append("</sst>");
        return builder.ToString();
    }

    // Style 0: General. Style 1: dates as yyyy-mm-dd.
    private const string Styles =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    /// <summary>Writes the rows of one sheet.</summary>
    public sealed class SheetWriter
    {
        private readonly XlsxWriter _owner;
        private readonly StreamWriter _writer;
        private int _lastRow;
        private bool _finished;

        internal SheetWriter(XlsxWriter owner, StreamWriter writer)
        {
            _owner = owner;
            _writer = writer;
            _writer.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        }

        /// <summary>Writes the next row (row numbers follow on from the last one written).</summary>
        public void WriteRow(params ReadOnlySpan<XlsxCell> cells) => WriteRow(_lastRow + 1, cells);

        /// <summary>Writes a row at an explicit number (greater than the last one), leaving gaps empty.</summary>
        public void WriteRow(int rowNumber, params ReadOnlySpan<XlsxCell> cells)
        {
            if (_finished) throw new InvalidOperationException("The sheet is finished; rows go to the current sheet only.");
            if (rowNumber <= _lastRow) throw new ArgumentOutOfRangeException(nameof(rowNumber), "Rows must be written in ascending order.");
            _lastRow = rowNumber;
            var w = _writer;
            w.Write("<row r=\"");
            w.Write(rowNumber);
            w.Write("\">");
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = cells[i];
                if (cell.Kind == XlsxCellKind.Empty) continue;
                w.Write("<c r=\"");
                w.Write(Reading.CellReference.ColumnName(i + 1));
                w.Write(rowNumber);
                switch (cell.Kind)
                {
                    case XlsxCellKind.Text when _owner.UseSharedStrings:
                        w.Write("\" t=\"s\"><v>");
                        w.Write(_owner.SharedStringIndex(cell.Text!));
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Text:
                        w.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                        w.Write(SecurityElement.Escape(cell.Text));
                        w.Write("</t></is></c>");
                        break;
                    case XlsxCellKind.Number:
                        w.Write("\"><v>");
                        w.Write(cell.Text);
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Boolean:
                        w.Write("\" t=\"b\"><v>");
                        w.Write(cell.Text);
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Date:
                        w.Write("\" s=\"");
                        w.Write(DateStyle);
                        w.Write("\"><v>");
                        w.Write(cell.Date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Formula:
                        w.Write("\"><f>");
                        w.Write(SecurityElement.Escape(cell.Text));
                        w.Write("</f>");
                        if (cell.CachedResult is not null)
                        {
                            w.Write("<v>");
                            w.Write(cell.CachedResult);
                            w.Write("</v>");
                        }

                        w.Write("</c>");
                        break;
                }
            }

            w.Write("</row>");
        }

        internal void Finish()
        {
            if (_finished) return;
            _finished = true;
            _writer.Write("</sheetData></worksheet>");
            _writer.Dispose();
        }
    }
}
