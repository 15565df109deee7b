using System.IO.Compression;
using System.Xml;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// The floor for reading a sheet: open the zip, inflate the sheet's XML and walk every node with an
/// XmlReader, materialising each text value (a parser cannot do less), counting rows. No typing, no checks.
/// </summary>
internal static class RawSheetScan
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        XmlResolver = null,
        CloseInput = true,
    };

    public static int CountRows(byte[] workbook, string sheetEntry)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook, writable: false), ZipArchiveMode.Read);
        return CountRows(zip, sheetEntry);
    }

    /// <summary>The same scan of the sheet, plus one of the shared string table (which text cells point into).</summary>
    public static int CountRowsAndStrings(byte[] workbook, string sheetEntry)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook, writable: false), ZipArchiveMode.Read);
        return CountRows(zip, "xl/sharedStrings.xml") + CountRows(zip, sheetEntry);
    }

    private static int CountRows(ZipArchive zip, string entry)
    {
        using var reader = XmlReader.Create(zip.GetEntry(entry)!.Open(), Settings);
        var row = reader.NameTable.Add("row");
        var rows = 0;
        var characters = 0L;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, row)) rows++;
            else if (reader.NodeType == XmlNodeType.Text) characters += reader.Value.Length;
        }

        return characters >= 0 ? rows : -1;
    }

    /// <summary>The biggest worksheet part: the data sheet of a generated report (found outside the timed part).</summary>
    public static string LargestSheet(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook, writable: false), ZipArchiveMode.Read);
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).MaxBy(e => e.Length)!.FullName;
    }
}
