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

    /// <summary>Document title and author (docProps/core.xml); none when null.</summary>
    public string? Title { get; init; }

    public string? Author { get; init; }
}

/// <summary>
/// How a sheet presents itself: column widths (in characters, from column A), a frozen header row, filters on the header,
/// and how it prints (null: the reader's defaults).
/// </summary>
public sealed record XlsxSheetOptions(IReadOnlyList<double>? ColumnWidths = null, bool FreezeHeader = false, bool AutoFilter = false, XlsxPrintSetup? Print = null);

/// <summary>
/// A small, fast SpreadsheetML writer: rows stream straight into the zip, so a million-row sheet costs no
/// more memory than a small one. Used for generated data (samples, the demo's uploads, benchmarks) and for
/// the consolidated quarterly report, which needs cell formats, widths, a frozen header, filters, print set-up
/// and native charts (the Open XML SDK's typed chart classes, written as parts: <see cref="SheetWriter.AddCharts"/>)
/// but must stay fast for thousands of licences (see docs/performance.md). Templates and feedback copies, which
/// edit a miner's own workbook or need data validation, are written with ClosedXML.
/// </summary>
public sealed class XlsxWriter : IDisposable
{

    // A fixed timestamp on every part makes the same content produce the same bytes (reproducible samples).
    private static readonly DateTimeOffset PartTimestamp = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ZipArchive _zip;
    private readonly XlsxWriterOptions _options;
    private readonly List<string> _sheetNames = [];
    private readonly Dictionary<string, int> _sharedIndex = new(StringComparer.Ordinal);
    private readonly List<string> _shared = [];
    private readonly XlsxStyleSheet _styles = new();
    private readonly List<(string Name, int Sheet, string Reference, bool Hidden)> _definedNames = [];
    private readonly List<(string Part, string ContentType)> _overrides = [];
    private int _drawings;
    private int _charts;
    private readonly int _dateStyle;
    private SheetWriter? _current;
    private bool _finished;

    public XlsxWriter(Stream output, XlsxWriterOptions? options = null)
    {
        _options = options ?? new XlsxWriterOptions();
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Utf8);
        _dateStyle = _styles.IndexOf(new XlsxStyle(NumberFormat: "yyyy\\-mm\\-dd"));
    }

    /// <summary>The index of a cell format, for <see cref="XlsxCell.WithStyle"/>.</summary>
    public int Style(XlsxStyle style) => _styles.IndexOf(style);

    /// <summary>Starts a sheet; the previous one is finished. Write its rows in ascending order.</summary>
    public SheetWriter AddSheet(string name, XlsxSheetOptions? options = null)
    {
        _current?.Finish();
        _sheetNames.Add(name);
        var entry = CreateEntry($"xl/worksheets/sheet{_sheetNames.Count}.xml", _options.Compression);
        _current = new SheetWriter(this, _sheetNames.Count - 1, new StreamWriter(entry.Open(), Utf8, 1 << 16), options ?? new XlsxSheetOptions());
        return _current;
    }

    internal void SetFilter(int sheet, string range) =>
        _definedNames.Add(("_xlnm._FilterDatabase", sheet, string.Join(':', range.Split(':').Select(Absolute)), true));

    internal void SetPrintTitles(int sheet, string rows) => _definedNames.Add(("_xlnm.Print_Titles", sheet, rows, false));

    /// <summary>Writes a sheet's drawing, each of its charts as a part of its own, and the sheet's relationship to the drawing.</summary>
    internal void WriteDrawing(int sheet, IReadOnlyList<XlsxChart> charts)
    {
        var drawing = ++_drawings;
        var relationships = new StringBuilder(RelationshipsStart);
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = ++_charts;
            Write($"xl/charts/chart{chart}.xml", XlsxDrawingPart.ChartXml(charts[i]));
            _overrides.Add(($"/xl/charts/chart{chart}.xml", XlsxDrawingPart.ChartContentType));
            relationships.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i + 1}" Type="{XlsxDrawingPart.ChartRelationship}" Target="../charts/chart{chart}.xml"/>""");
        }

        Write($"xl/drawings/drawing{drawing}.xml", XlsxDrawingPart.Xml(charts));
        Write($"xl/drawings/_rels/drawing{drawing}.xml.rels", relationships.Append("</Relationships>").ToString());
        _overrides.Add(($"/xl/drawings/drawing{drawing}.xml", XlsxDrawingPart.ContentType));
        Write($"xl/worksheets/_rels/sheet{sheet + 1}.xml.rels",
            RelationshipsStart + $"""<Relationship Id="{SheetWriter.DrawingRelationshipId}" Type="{XlsxDrawingPart.DrawingRelationship}" Target="../drawings/drawing{drawing}.xml"/></Relationships>""");
    }

    private const string RelationshipsStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""";

    internal int DateStyle => _dateStyle;

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
        var core = _options.Title is not null || _options.Author is not null;
        Write("_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>""" +
            (core ? """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>""" : "") +
            "</Relationships>");
        if (core) Write("docProps/core.xml", CoreProperties());
        Write("xl/workbook.xml", Workbook());
        Write("xl/_rels/workbook.xml.rels", WorkbookRelationships(macro));
        Write("xl/styles.xml", _styles.ToXml());
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
        foreach (var (part, type) in _overrides) builder.Append(CultureInfo.InvariantCulture, $"""<Override PartName="{part}" ContentType="{type}"/>""");
        if (_options.Title is not null || _options.Author is not null)
            builder.Append("""<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>""");
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
        builder.Append("</sheets>");
        if (_definedNames.Count > 0)
        {
            // Excel keeps each sheet's filter range in a hidden defined name as well; print titles are defined names too.
            builder.Append("<definedNames>");
            foreach (var (name, sheet, reference, hidden) in _definedNames.OrderBy(d => d.Sheet).ThenBy(d => d.Name, StringComparer.Ordinal))
            {
                var hiddenAttribute = hidden ? " hidden=\"1\"" : "";
                builder.Append(CultureInfo.InvariantCulture,
                    $"""<definedName name="{name}" localSheetId="{sheet}"{hiddenAttribute}>{SecurityElement.Escape(SheetReference(_sheetNames[sheet]))}!{reference}</definedName>""");
            }

            builder.Append("</definedNames>");
        }

        builder.Append("</workbook>");
        return builder.ToString();
    }

    /// <summary>A sheet's name as formulas write it: quoted, with a quote inside doubled ('Sheet ''A''').</summary>
    public static string SheetReference(string sheetName) => "'" + sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Absolute(string reference)
    {
        var digits = reference.AsSpan().IndexOfAnyInRange('0', '9');
        return "$" + reference[..digits] + "$" + reference[digits..];
    }

    private string CoreProperties() =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">""" +
        (_options.Title is null ? "" : $"<dc:title>{SecurityElement.Escape(_options.Title)}</dc:title>") +
        (_options.Author is null ? "" : $"<dc:creator>{SecurityElement.Escape(_options.Author)}</dc:creator>") +
        "</cp:coreProperties>";

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
        foreach (var text in _shared) builder.Append("<si><t xml:space=\"preserve\">").Append(OoxmlText.Escape(text)).Append("</t></si>");
        builder.Append("</sst>");
        return builder.ToString();
    }

    /// <summary>Writes the rows of one sheet.</summary>
    public sealed class SheetWriter
    {
        private readonly XlsxWriter _owner;
        private readonly int _sheet;
        private readonly StreamWriter _writer;
        private readonly XlsxSheetOptions _options;
        private int _lastRow;
        private int? _filterLastRow;
        private int _lastColumn;
        private bool _finished;
        private IReadOnlyList<XlsxChart> _charts = [];

        internal const string DrawingRelationshipId = "rId1";

        internal SheetWriter(XlsxWriter owner, int sheet, StreamWriter writer, XlsxSheetOptions options)
        {
            _owner = owner;
            _sheet = sheet;
            _writer = writer;
            _options = options;
            var w = _writer;
            w.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">""");
            if (options.Print is { } print) w.Write(print.SheetProperties);
            if (options.FreezeHeader)
            {
                w.Write("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>""");
            }

            if (options.ColumnWidths is { Count: > 0 } widths)
            {
                w.Write("<cols>");
                for (var i = 0; i < widths.Count; i++)
                    w.Write(string.Create(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{widths[i]}" customWidth="1"/>"""));
                w.Write("</cols>");
            }

            w.Write("<sheetData>");
        }

        /// <summary>Places native charts on the sheet (in one drawing, written when the sheet is finished).</summary>
        public void AddCharts(IReadOnlyList<XlsxChart> charts)
        {
            if (_finished) throw new InvalidOperationException("The sheet is finished; charts go on the current sheet only.");
            if (_charts.Count > 0) throw new InvalidOperationException("The sheet has its charts already: give them all at once.");
            _charts = charts;
        }

        /// <summary>Writes the next row (row numbers follow on from the last one written).</summary>
        public void WriteRow(params ReadOnlySpan<XlsxCell> cells) => WriteRow(_lastRow + 1, cells);

        /// <summary>Ends the autofilter's range at the last row written so far: rows after it (a totals row) stay out of sorting and filtering.</summary>
        public void EndFilterRange() => _filterLastRow = Math.Max(_lastRow, 1);

        /// <summary>Writes a row at an explicit number (greater than the last one), leaving gaps empty.</summary>
        public void WriteRow(int rowNumber, params ReadOnlySpan<XlsxCell> cells) => WriteRow(rowNumber, null, cells);

        /// <summary>Writes a row of a set height in points (readers do not all grow a row to fit wrapped text).</summary>
        public void WriteRowWithHeight(int rowNumber, double height, params ReadOnlySpan<XlsxCell> cells) => WriteRow(rowNumber, (double?)height, cells);

        private void WriteRow(int rowNumber, double? height, ReadOnlySpan<XlsxCell> cells)
        {
            if (_finished) throw new InvalidOperationException("The sheet is finished; rows go to the current sheet only.");
            if (rowNumber <= _lastRow) throw new ArgumentOutOfRangeException(nameof(rowNumber), "Rows must be written in ascending order.");
            _lastRow = rowNumber;
            var w = _writer;
            w.Write("<row r=\"");
            WriteNumber(w, rowNumber);
            if (height is { } points) w.Write(string.Create(CultureInfo.InvariantCulture, $"\" ht=\"{points}\" customHeight=\"1"));
            w.Write("\">");
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = cells[i];
                if (cell.Kind == XlsxCellKind.Empty) continue;
                _lastColumn = Math.Max(_lastColumn, i + 1);
                w.Write("<c r=\"");
                w.Write(ColumnName(i + 1));
                WriteNumber(w, rowNumber);
                w.Write('"');
                var style = cell.Kind == XlsxCellKind.Date && cell.Style == 0 ? _owner.DateStyle : cell.Style;
                if (style != 0)
                {
                    w.Write(" s=\"");
                    WriteNumber(w, style);
                    w.Write('"');
                }

                switch (cell.Kind)
                {
                    case XlsxCellKind.Text when _owner.UseSharedStrings:
                        w.Write(" t=\"s\"><v>");
                        WriteNumber(w, _owner.SharedStringIndex(cell.Text!));
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Text:
                        w.Write(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                        w.Write(OoxmlText.Escape(cell.Text!));
                        w.Write("</t></is></c>");
                        break;
                    case XlsxCellKind.Number:
                        w.Write("><v>");
                        w.Write(cell.Text);
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Boolean:
                        w.Write(" t=\"b\"><v>");
                        w.Write(cell.Text);
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Date:
                        w.Write("><v>");
                        w.Write(cell.Date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                        w.Write("</v></c>");
                        break;
                    case XlsxCellKind.Formula:
                        w.Write("><f>");
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

        /// <summary>An integer without the string that TextWriter.Write(int) would allocate.</summary>
        private static void WriteNumber(StreamWriter writer, int value)
        {
            Span<char> digits = stackalloc char[11];
            value.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
            writer.Write(digits[..length]);
        }

        private static string ColumnName(int column) => column < ColumnNames.Length ? ColumnNames[column] : Reading.CellReference.ColumnName(column);

        private static readonly string[] ColumnNames = Enumerable.Range(0, 65).Select(c => c == 0 ? "" : Reading.CellReference.ColumnName(c)).ToArray();

        internal void Finish()
        {
            if (_finished) return;
            _finished = true;
            _writer.Write("</sheetData>");
            if (_options.AutoFilter)
            {
                var columns = Math.Max(_lastColumn, _options.ColumnWidths?.Count ?? 1);
                var range = $"A1:{Reading.CellReference.ColumnName(columns)}{(_filterLastRow ?? Math.Max(_lastRow, 1)).ToString(CultureInfo.InvariantCulture)}";
                _writer.Write($"<autoFilter ref=\"{range}\"/>");
                _owner.SetFilter(_sheet, range);
            }

            if (_options.Print is { } print)
            {
                _writer.Write(print.Elements());
                if (print.RepeatRows is { } rows) _owner.SetPrintTitles(_sheet, rows);
            }

            if (_charts.Count > 0) _writer.Write($"<drawing r:id=\"{DrawingRelationshipId}\"/>");
            _writer.Write("</worksheet>");
            _writer.Dispose();
            if (_charts.Count > 0) _owner.WriteDrawing(_sheet, _charts);
        }
    }
}
