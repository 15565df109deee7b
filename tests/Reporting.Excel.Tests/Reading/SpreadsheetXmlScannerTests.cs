using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Reporting.Excel.Reading;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests.Reading;

/// <summary>
/// The scanner-based sheet reader against its oracle, the earlier XmlReader-based one: the same rows and
/// typed cells for every honest way of writing a sheet, and a rejection (XmlException) wherever the
/// oracle rejects. Covers the samples, hand-written variations, encodings, buffer boundaries and
/// randomly generated sheets.
/// </summary>
public sealed class SpreadsheetXmlScannerTests
{
    private static readonly string[] SharedStrings = ["Site", "Meter", "Source", "kWh", "Cost KZT", "grid", "  padded  ", "Ekibastuz-1", "Ünïcødé Қазақстан 😀"];

    public static TheoryData<string, string> Variations => new()
    {
        { "plain", Sheet("""<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row>""") },
        { "prefixed elements", """<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>5</x:v></x:c><x:c r="C1"><x:v>1E3</x:v></x:c></x:row></x:sheetData></x:worksheet>""" },
        { "strict namespace", """<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="2"><c r="B2"><v>7</v></c></row></sheetData></worksheet>""" },
        { "pretty printed", Sheet("\n  <row r=\"1\">\n    <c r=\"A1\" t=\"s\">\n      <v>1</v>\n    </c>\r\n    <c r=\"B1\">\t<v> 42 </v>\n</c>\n  </row>\n") },
        { "single quotes and spaces around =", Sheet("<row r='1' ><c r = 'A1' t = 's' ><v>2</v></c ></row >") },
        { "no r attributes", Sheet("""<row><c t="s"><v>0</v></c><c><v>3</v></c></row><row><c><v>4</v></c></row>""") },
        { "gaps in columns and rows", Sheet("""<row r="3"><c r="C3"><v>1</v></c><c r="AA3"><v>2</v></c><c><v>3</v></c></row><row r="10"/>""") },
        { "entities and character references", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#1178;&#x4E2D;&#x1F600;</t></is></c></row>""") },
        { "CDATA and comments", Sheet("""<row r="1"><!-- a comment --><c r="A1" t="inlineStr"><is><t><![CDATA[<not a tag> & raw]]></t></is></c><c r="B1"><v><!-- x -->5<![CDATA[0]]></v></c></row>""") },
        { "processing instruction", Sheet("""<?pi data?><row r="1"><c r="A1"><v>1</v></c></row>""") },
        { "rich text with phonetic hints", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain </t></r><rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="1"/></is></c></row>""") },
        { "white space in text", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">   </t></is></c><c r="B1" t="inlineStr"><is><t>   </t></is></c><c r="C1" t="str"><v>  x  </v></c><c r="D1"><v>   </v></c></row>""") },
        { "line ends", Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>one\r\ntwo\rthree\nfour</t></is></c><c r=\"B1\" t=\"str\"><v>a_x000D__x000A_b</v></c></row>") },
        { "booleans, errors, ISO dates", Sheet("""<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="d"><v>2025-03-14T00:00:00</v></c><c r="E1" t="d"><v>not a date</v></c></row>""") },
        { "formulas", Sheet("""<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>SUM(A1)</f></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>X</f><v/></c></row>""") },
        { "typed empty cells", Sheet("""<row r="1"><c r="A1" s="2" t="s"/><c r="B1" t="n"/><c r="C1" t="s"><v>99</v></c><c r="D1" t="s"><v>x</v></c></row>""") },
        { "unknown elements and attributes", Sheet("""<row r="1" spans="1:3" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x"><c r="A1" cm="1" vm="2"><extLst><ext><v>no</v></ext></extLst><v>8</v></c><c r="B1"><is><t>inline without type</t></is></c></row>""") },
        { "content after sheet data", Sheet("""<row r="1"><c r="A1"><v>1</v></c></row>""") + "<!-- trailing -->" },
        { "empty sheet data", """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>""" },
        { "no sheet data", """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/></worksheet>""" },
        { "attributes with tabs and entities", Sheet("<row r=\"1\"><c r=\"A&#49;\" t=\"s\"\tx=\"a\tb\"><v>8</v></c></row>") },
        { "number formats", Sheet("""<row r="1"><c r="A1"><v>-0.000123</v></c><c r="B1"><v>1.7976931348623157E+308</v></c><c r="C1"><v>NaN</v></c><c r="D1"><v>1,5</v></c><c r="E1"><v>+3</v></c></row>""") },
    };

    public static TheoryData<string, string> Malformed => new()
    {
        { "mismatched end tag", Sheet("""<row r="1"><c r="A1"><v>1</c></v></row>""") },
        { "ends inside a cell", """<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>""" },
        { "ends inside a tag", """<worksheet><sheetData><row r="1"><c r="A1" t="s""" },
        { "unterminated attribute value", Sheet("""<row r="1><c r="A1"><v>1</v></c></row>""") },
        { "unquoted attribute", Sheet("""<row r=1><c r="A1"><v>1</v></c></row>""") },
        { "duplicate attribute", Sheet("""<row r="1"><c r="A1" r="B1"><v>1</v></c></row>""") },
        { "undefined entity", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>""") },
        { "entity without semicolon", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp b</t></is></c></row>""") },
        { "character reference out of range", Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>&#x110000;</t></is></c></row>""") },
        { "DTD", """<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet><sheetData/></worksheet>""" },
        { "'<' in an attribute value", Sheet("""<row r="1"><c r="A<1"><v>1</v></c></row>""") },
        { "element inside a value", Sheet("""<row r="1"><c r="A1"><v>1<b/></v></c></row>""") },
        { "end tag without start", Sheet("""<row r="1"></c></row>""") },
        { "unterminated comment", Sheet("""<row r="1"><!-- no end""") },
        { "text before the root", """oops<worksheet><sheetData/></worksheet>""" },
    };

    [Theory]
    [MemberData(nameof(Variations))]
    public void Honest_variations_read_exactly_as_the_XmlReader_oracle_reads_them(string name, string xml)
    {
        var expected = Oracle(Encoding.UTF8.GetBytes(xml));
        var actual = Scanner(Encoding.UTF8.GetBytes(xml));

        Assert.True(expected.Count > 0 || name.Contains("sheet data", StringComparison.Ordinal), "the oracle read nothing: the case tests nothing");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Broken_xml_is_rejected_where_the_oracle_rejects_it(string name, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.ThrowsAny<XmlException>(() => Oracle(bytes));

        var error = Assert.ThrowsAny<XmlException>(() => Scanner(bytes));
        Assert.False(string.IsNullOrWhiteSpace(error.Message), name);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    [InlineData("iso-8859-1")]
    public void Sheets_in_other_encodings_are_read_as_the_oracle_reads_them(string encoding)
    {
        var xml = Sheet("""<row r="1"><c r="A1" t="inlineStr"><is><t>Café Ñandú</t></is></c><c r="B1"><v>3.25</v></c></row>""");
        var bytes = encoding switch
        {
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))],
            "utf-16be" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(xml.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))],
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(xml)],
            _ => Encoding.Latin1.GetBytes(xml.Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal)),
        };

        var expected = Oracle(bytes);
        Assert.Equal("Café Ñandú", Assert.Single(expected).Split('|')[0].Split(':')[3]);
        Assert.Equal(expected, Scanner(bytes));
    }

    [Fact]
    public void Tokens_that_straddle_the_read_buffer_are_read_whole()
    {
        // Cells of growing width push every kind of token across the 64 KiB buffer's edges, and one
        // text of 300,000 characters needs the buffer to grow.
        var rows = new StringBuilder();
        for (var i = 1; i <= 3000; i++)
        {
            var padding = new string(' ', i % 37);
            rows.Append(CultureInfo.InvariantCulture, $"<row r=\"{i}\">{padding}<c r=\"A{i}\" {padding}t=\"inlineStr\"><is><t>{new string('x', i % 101)}é&amp;{i}</t></is></c>");
            rows.Append(CultureInfo.InvariantCulture, $"<c r=\"B{i}\"><v>{i * 1.25}</v>{padding}</c><!--{padding}--></row>");
        }

        rows.Append("<row r=\"3001\"><c r=\"A3001\" t=\"inlineStr\"><is><t>").Append('y', 300_000).Append("</t></is></c></row>");
        var bytes = Encoding.UTF8.GetBytes(Sheet(rows.ToString()));

        var expected = Oracle(bytes);
        Assert.Equal(3001, expected.Count);
        Assert.Equal(expected, Scanner(bytes, chunked: true));
        Assert.Equal(expected, Scanner(bytes, chunked: false));
    }

    [Fact]
    public void A_single_token_beyond_the_limit_is_rejected_rather_than_buffered()
    {
        var xml = Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + new string('z', SpreadsheetXmlScanner.MaxTokenBytes + 10) + "</t></is></c></row>");

        var error = Assert.Throws<XmlException>(() => Scanner(Encoding.UTF8.GetBytes(xml)));

        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_sheets_read_exactly_as_the_oracle_reads_them()
    {
        var random = new Random(20251124);
        for (var sheet = 0; sheet < 300; sheet++)
        {
            var bytes = Encoding.UTF8.GetBytes(RandomSheet(random));
            var expected = Oracle(bytes);
            var actual = Scanner(bytes, chunked: sheet % 2 == 0);
            Assert.True(expected.SequenceEqual(actual), $"sheet {sheet} differs:\n{Encoding.UTF8.GetString(bytes)}");
        }
    }

    [Fact]
    public void Every_sheet_and_string_table_of_the_samples_reads_as_the_oracle_reads_it()
    {
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Samples, "*.xlsx", SearchOption.AllDirectories))
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(File.OpenRead(file), ZipArchiveMode.Read);
            }
            catch (InvalidDataException)
            {
                continue; // not a zip (encrypted, legacy): nothing for a sheet reader
            }

            using (zip)
            {
                if (zip.Entries.Sum(e => e.Length) > 64 * 1024 * 1024) continue; // the zip bomb
                var sst = zip.GetEntry("xl/sharedStrings.xml");
                var strings = SharedStrings;
                if (sst is not null)
                {
                    var expectedStrings = XmlReaderSheetReader.ReadSharedStrings(sst.Open());
                    strings = Reporting.Excel.Reading.SharedStrings.Read(sst.Open());
                    Assert.Equal(expectedStrings, strings);
                }

                foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
                {
                    using var buffer = new MemoryStream();
                    using (var part = entry.Open()) part.CopyTo(buffer);
                    Assert.Equal(Oracle(buffer.ToArray(), strings), Scanner(buffer.ToArray(), strings: strings));
                    compared++;
                }
            }
        }

        Assert.True(compared >= 40, $"only {compared} sheets compared");
    }

    private static string Sheet(string rows) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" +
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1\"/><sheetData>" +
        rows + "</sheetData><pageMargins left=\"0.7\"/></worksheet>";

    private static string RandomSheet(Random random)
    {
        string Space() => random.Next(4) switch { 0 => "", 1 => " ", 2 => "\n  ", _ => "\r\n\t" };
        string Text()
        {
            const string alphabet = "abcXYZ 019_<>&\"'éЖқ😀\t\r\n";
            var text = new StringBuilder();
            var runes = alphabet.EnumerateRunes().ToArray();
            for (var i = random.Next(0, 12); i > 0; i--) text.Append(runes[random.Next(runes.Length)].ToString());
            return text.ToString();
        }

        string Escape(string text) => random.Next(3) == 0 && !text.Contains("]]>", StringComparison.Ordinal)
            ? "<![CDATA[" + text + "]]>"
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

        var rows = new StringBuilder();
        var rowNumber = 0;
        for (var r = random.Next(0, 8); r > 0; r--)
        {
            rowNumber += random.Next(1, 3);
            var rowAttribute = random.Next(4) == 0 ? "" : $" r=\"{rowNumber}\"";
            rows.Append(CultureInfo.InvariantCulture, $"{Space()}<row{rowAttribute}>");
            var column = 0;
            for (var c = random.Next(0, 6); c > 0; c--)
            {
                column += random.Next(1, 3);
                var reference = random.Next(5) == 0 ? "" : $" r=\"{CellReference.Address(column, rowNumber)}\"";
                var quote = random.Next(2) == 0 ? '"' : '\'';
                rows.Append(Space());
                switch (random.Next(7))
                {
                    case 0:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference} t={quote}s{quote}><v>{random.Next(-1, SharedStrings.Length + 1)}</v></c>");
                        break;
                    case 1:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference} s=\"{random.Next(3)}\">{Space()}<v>{(random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 12)):R}</v>{Space()}</c>");
                        break;
                    case 2:
                        var preserve = random.Next(2) == 0 ? " xml:space=\"preserve\"" : "";
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference} t=\"inlineStr\"><is><t{preserve}>{Escape(Text())}</t></is></c>");
                        break;
                    case 3:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference} t=\"str\"><f>A1</f><v>{Escape(Text())}</v></c>");
                        break;
                    case 4:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference}/>");
                        break;
                    case 5:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference} t=\"b\"><v>{random.Next(2)}</v></c><!-- {Text().Replace("-", "", StringComparison.Ordinal)} -->");
                        break;
                    default:
                        rows.Append(CultureInfo.InvariantCulture, $"<c{reference}><v>{Escape(Text())}</v></c>");
                        break;
                }
            }

            rows.Append(CultureInfo.InvariantCulture, $"{Space()}</row>");
        }

        return Sheet(rows.ToString());
    }

    private static List<string> Oracle(byte[] sheet, string[]? strings = null) =>
        new XmlReaderSheetReader(strings ?? SharedStrings, StyleTable.Empty, false).ReadRows(new MemoryStream(sheet)).Select(Snapshot).ToList();

    private static List<string> Scanner(byte[] sheet, bool chunked = false, string[]? strings = null)
    {
        Stream stream = chunked ? new TrickleStream(sheet) : new MemoryStream(sheet);
        return new SheetReader(strings ?? SharedStrings, StyleTable.Empty, false).ReadRows(stream).Select(Snapshot).ToList();
    }

    /// <summary>A row as text: its number and every cell's column, kind, number, text, date and formula flag.</summary>
    private static string Snapshot(SheetRow row) =>
        row.Number.ToString(CultureInfo.InvariantCulture) + " " + string.Join("|", row.Columns.Order().Select(c =>
        {
            var cell = row[c];
            return string.Create(CultureInfo.InvariantCulture, $"{c}:{cell.Kind}:{cell.Number:R}:{cell.Text}:{cell.Date:O}:{cell.IsFormula}");
        }));

    /// <summary>Hands out a few bytes per read, as a decompressing stream may, so tokens arrive in pieces.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        private int _reads;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + (_reads++ * 7919 % 5000)));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1 + (_reads++ * 7919 % 5000))]);
    }
}
