using Reporting.Domain;
using System.IO.Compression;
using System.Text;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Samples;

/// <summary>A problem a broken sample must be reported with.</summary>
public sealed record ExpectedIssue(string Code, string? Sheet, string? Cell);

/// <summary>A miner's workbook with one kind of mistake, and how the parser must report it.</summary>
public sealed record BrokenSample(string FileName, string Mistake, IReadOnlyList<ExpectedIssue> Expected, Func<byte[]> Build);

/// <summary>
/// One broken variant of a valid report per kind of mistake. Each is built from the valid report so
/// that the named mistake is the only thing wrong with it (except the file that has several).
/// </summary>
public sealed class BrokenSamples(ConsumptionReport consumption, SalesReport sales)
{
    public IReadOnlyList<BrokenSample> All =>
    [
        new("not-a-workbook.xlsx", "A CSV file renamed to .xlsx.", [new(IssueCodes.NotAWorkbook, null, null)], RenamedCsv),
        new("macro-enabled.xlsm", "A macro-enabled workbook (.xlsm) with a VBA project.", [new(IssueCodes.MacroEnabled, null, null)],
            () => ConsumptionBytes(consumption, new XlsxWriterOptions { MacroEnabled = true })),
        new("missing-sheet.xlsx", "The Consumption sheet is named 'Sheet1'.", [new(IssueCodes.MissingSheet, null, null)], () => Build(w =>
        {
            MonthReportWriter.WriteReportSheet(w, consumption.Header);
            MonthReportWriter.WriteConsumption(w.AddSheet("Sheet1"), consumption.Rows);
        })),
        new("missing-column.xlsx", "The kWh column is missing.", [new(IssueCodes.MissingColumn, ConsumptionSheet.En, null)], () => Build(w =>
        {
            MonthReportWriter.WriteReportSheet(w, consumption.Header);
            var sheet = w.AddSheet(ConsumptionSheet.En);
            sheet.WriteRow(Consumption.Site.En, Consumption.Meter.En, Consumption.Source.En, Consumption.CostKzt.En);
            foreach (var row in consumption.Rows) sheet.WriteRow(row.Site, row.Meter, row.Source.Code(), XlsxCell.Of(row.CostKzt));
        })),
        new("missing-value.xlsx", "Row 3 has no site.", [new(IssueCodes.MissingValue, ConsumptionSheet.En, "A3")],
            () => ConsumptionWith(rows => rows[1] = rows[1] with { Site = "" })),
        new("type-error.xlsx", "kWh in row 2 typed as text with a thousands separator and a decimal comma.", [new(IssueCodes.TypeError, ConsumptionSheet.En, "D2")],
            () => ConsumptionCells((row, cells) => { if (row == 2) cells[3] = "1 250 000,5"; })),
        new("constraint-error.xlsx", "Negative kWh in row 2.", [new(IssueCodes.ConstraintError, ConsumptionSheet.En, "D2")],
            () => ConsumptionWith(rows => rows[0] = rows[0] with { Kwh = -rows[0].Kwh })),
        new("unknown-source.xlsx", "Source 'coal' in row 2.", [new(IssueCodes.UnknownSource, ConsumptionSheet.En, "C2")],
            () => ConsumptionCells((row, cells) => { if (row == 2) cells[2] = "coal"; })),
        new("invalid-bin.xlsx", "The BIN's check digit is wrong.", [new(IssueCodes.InvalidBin, ReportSheet.En, "B3")],
            () => ConsumptionBytes(consumption with { Header = consumption.Header with { Bin = WrongCheckDigit(consumption.Header.Bin) } })),
        new("invalid-period.xlsx", "Period written as 'March 2025'.", [new(IssueCodes.InvalidPeriod, ReportSheet.En, "B5")], () => ConsumptionWithReportRows(rows => rows[Labels.Period.En] = "March 2025")),
        new("unknown-report-type.xlsx", "Report type 'electricity'.", [new(IssueCodes.UnknownReportType, ReportSheet.En, "B1")], () => ConsumptionWithReportRows(rows => rows[Labels.ReportType.En] = "electricity")),
        new("missing-field.xlsx", "The Report sheet has no BIN row.", [new(IssueCodes.MissingField, ReportSheet.En, null)], () => ConsumptionWithReportRows(rows => rows.Remove(Labels.Bin.En))),
        new("duplicate-column.xlsx", "Two kWh columns.", [new(IssueCodes.DuplicateColumn, ConsumptionSheet.En, "F1")], () => Build(w =>
        {
            MonthReportWriter.WriteReportSheet(w, consumption.Header);
            var sheet = w.AddSheet(ConsumptionSheet.En);
            sheet.WriteRow(Consumption.Site.En, Consumption.Meter.En, Consumption.Source.En, Consumption.Kwh.En, Consumption.CostKzt.En, "kWh (kilowatt-hours)");
            foreach (var row in consumption.Rows) sheet.WriteRow(row.Site, row.Meter, row.Source.Code(), row.Kwh, XlsxCell.Of(row.CostKzt), row.Kwh);
        })),
        new("duplicate-row.xlsx", "Row 2 repeated at the end.", [new(IssueCodes.DuplicateRow, ConsumptionSheet.En, $"A{consumption.Rows.Count + 2}")],
            () => ConsumptionWith(rows => rows.Add(rows[0]))),
        new("formula-without-cached-value.xlsx", "kWh in row 2 is a formula never calculated.", [new(IssueCodes.FormulaWithoutCachedValue, ConsumptionSheet.En, "D2")],
            () => ConsumptionCells((row, cells) => { if (row == 2) cells[3] = XlsxCell.Formula("1000*1250", null); })),
        new("date-outside-period.xlsx", "A pool payout dated in the next month.", [new(IssueCodes.DateOutsidePeriod, MinedSheet.En, "C3")],
            () => SalesBytes(sales with { Mined = [.. sales.Mined.Select((m, i) => i == 1 ? m with { Received = sales.Period.Next.Start.AddDays(1) } : m)] })),
        new("duplicate-trade-id.xlsx", "Two trades with the same Trade ID.", [new(IssueCodes.DuplicateTradeId, SoldSheet.En, "E3")],
            () => SalesBytes(sales with { Sold = [.. sales.Sold.Select((s, i) => i == 1 ? s with { TradeId = sales.Sold[0].TradeId } : s)] })),
        new("several-problems.xlsx", "Several mistakes at once; all are reported in one pass.",
            [new(IssueCodes.InvalidBin, ReportSheet.En, "B3"), new(IssueCodes.UnknownSource, ConsumptionSheet.En, "C2"), new(IssueCodes.TypeError, ConsumptionSheet.En, "D3"), new(IssueCodes.MissingValue, ConsumptionSheet.En, "A4")],
            () => ConsumptionCells((row, cells) =>
            {
                if (row == 2) cells[2] = "diesel";
                if (row == 3) cells[3] = "n/a";
                if (row == 4) cells[0] = XlsxCell.Empty;
            }, consumption.Header with { Bin = WrongCheckDigit(consumption.Header.Bin) })),
    ];

    /// <summary>A workbook with more data rows than the limit allows.</summary>
    public static byte[] TooManyRows(ConsumptionReport template, int rows, XlsxWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        WriteTooManyRows(template, rows, stream, options);
        return stream.ToArray();
    }

    public static void WriteTooManyRows(ConsumptionReport template, int rows, Stream output, XlsxWriterOptions? options = null)
    {
        using var writer = new XlsxWriter(output, options);
        MonthReportWriter.WriteReportSheet(writer, template.Header);
        var sheet = writer.AddSheet(ConsumptionSheet.En);
        sheet.WriteRow(Consumption.Site.En, Consumption.Meter.En, Consumption.Source.En, Consumption.Kwh.En, Consumption.CostKzt.En);
        for (var i = 0; i < rows; i++)
        {
            // Few distinct strings (as a real export has), every site/meter pair unique: the only problem is the row count.
            sheet.WriteRow("Site-" + (i / 1000), "M-" + (i % 1000), "grid", 1000 + i % 997, 25_000 + i % 997);
        }
    }

    /// <summary>A workbook whose every data row has an error (a negative kWh): the worst case for feedback.</summary>
    public static void WriteEveryRowWrong(ConsumptionReport template, int rows, Stream output)
    {
        using var writer = new XlsxWriter(output);
        MonthReportWriter.WriteReportSheet(writer, template.Header);
        var sheet = writer.AddSheet(ConsumptionSheet.En);
        sheet.WriteRow(Consumption.Site.En, Consumption.Meter.En, Consumption.Source.En, Consumption.Kwh.En, Consumption.CostKzt.En);
        for (var i = 0; i < rows; i++) sheet.WriteRow("Site-" + (i / 1000), "M-" + (i % 1000), "grid", -1 - i % 997, 25_000 + i % 997);
    }

    /// <summary>
    /// A zip bomb shaped like a workbook: its worksheet part unpacks to <paramref name="uncompressedBytes"/>
    /// of whitespace (valid XML), which deflate squeezes about a thousand to one.
    /// </summary>
    public static void WriteZipBomb(Stream output, long uncompressedBytes = 2L * 1024 * 1024 * 1024)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        void Text(string path, string content)
        {
            var entry = zip.CreateEntry(path);
            entry.LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write(content);
        }

        Text("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Text("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Text("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Consumption" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Text("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        var sheetEntry = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize);
        sheetEntry.LastWriteTime = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var sheet = sheetEntry.Open();
        var open = Encoding.UTF8.GetBytes("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        var close = Encoding.UTF8.GetBytes("</sheetData></worksheet>");
        sheet.Write(open);
        var blanks = new byte[1 << 20];
        Array.Fill(blanks, (byte)' ');
        for (var left = uncompressedBytes - open.Length - close.Length; left > 0; left -= blanks.Length)
            sheet.Write(blanks, 0, (int)Math.Min(blanks.Length, left));
        sheet.Write(close);
    }

    /// <summary>A real workbook padded with incompressible media to a given size (for the size limit).</summary>
    public static byte[] Oversized(ConsumptionReport report, int bytes)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream))
        {
            MonthReportWriter.WriteReportSheet(writer, report.Header);
            MonthReportWriter.WriteConsumption(writer.AddSheet(ConsumptionSheet.En), report.Rows);
            var noise = new byte[bytes];
            new Random(7).NextBytes(noise);
            writer.AddRawPart("xl/media/image1.png", noise);
        }

        return stream.ToArray();
    }

    private byte[] RenamedCsv()
    {
        var csv = new StringBuilder("Site,Meter,Source,kWh,Cost KZT\n");
        foreach (var row in consumption.Rows)
            csv.Append(row.Site).Append(',').Append(row.Meter).Append(',').Append(row.Source.Code()).Append(',')
               .Append(row.Kwh.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
               .Append(row.CostKzt?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static byte[] Build(Action<XlsxWriter> write, XlsxWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream, options)) write(writer);
        return stream.ToArray();
    }

    private static byte[] ConsumptionBytes(ConsumptionReport report, XlsxWriterOptions? options = null) => MonthReportWriter.ToBytes(report, options);

    private static byte[] SalesBytes(SalesReport report) => MonthReportWriter.ToBytes(report);

    private byte[] ConsumptionWith(Action<List<ConsumptionRow>> change)
    {
        var rows = consumption.Rows.ToList();
        change(rows);
        return ConsumptionBytes(consumption with { Rows = rows });
    }

    /// <summary>Writes the consumption report, letting <paramref name="change"/> alter raw cells of each data row.</summary>
    private byte[] ConsumptionCells(Action<int, XlsxCell[]> change, ReportHeader? header = null) => Build(w =>
    {
        MonthReportWriter.WriteReportSheet(w, header ?? consumption.Header);
        var sheet = w.AddSheet(ConsumptionSheet.En);
        sheet.WriteRow(Consumption.Site.En, Consumption.Meter.En, Consumption.Source.En, Consumption.Kwh.En, Consumption.CostKzt.En);
        var number = 2;
        foreach (var row in consumption.Rows)
        {
            XlsxCell[] cells = [row.Site, row.Meter, row.Source.Code(), row.Kwh, XlsxCell.Of(row.CostKzt)];
            change(number++, cells);
            sheet.WriteRow(cells);
        }
    });

    /// <summary>The consumption report with its Report sheet's label/value rows changed (in label order; removed rows are left out).</summary>
    private byte[] ConsumptionWithReportRows(Action<Dictionary<string, string>> change) => Build(w =>
    {
        var rows = new Dictionary<string, string>
        {
            [Labels.ReportType.En] = consumption.Kind.Code(),
            [Labels.Licence.En] = consumption.Licence,
            [Labels.Bin.En] = consumption.Header.Bin,
            [Labels.Company.En] = consumption.Header.Company,
            [Labels.Period.En] = consumption.Period.ToString(),
            [Labels.TemplateVersion.En] = ReportContract.TemplateVersion,
        };
        change(rows);
        var sheet = w.AddSheet(ReportSheet.En);
        foreach (var (label, value) in rows) sheet.WriteRow(label, value);
        MonthReportWriter.WriteConsumption(w.AddSheet(ConsumptionSheet.En), consumption.Rows);
    });

    private static string WrongCheckDigit(string bin) => bin[..11] + (char)('0' + (bin[11] - '0' + 1) % 10);
}
