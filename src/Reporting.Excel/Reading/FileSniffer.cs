using System.Text;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Recognises what a file is from its first bytes, before any zip or XML parser sees it, so that a
/// renamed CSV, a legacy .xls or a password-protected workbook gets a precise explanation.
/// </summary>
internal static class FileSniffer
{
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];
    private static ReadOnlySpan<byte> EmptyZipSignature => [0x50, 0x4B, 0x05, 0x06];
    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Null when the file looks like a zip package (an .xlsx); otherwise the reason it is not one.</summary>
    public static ValidationIssue? Check(ReadOnlySpan<byte> head, Func<byte[]> wholeFile)
    {
        if (head.StartsWith(ZipSignature)) return null;
        if (head.StartsWith(EmptyZipSignature))
            return Reject("The file is an empty zip archive, not an Excel workbook.");

        if (head.StartsWith(CompoundFileSignature))
        {
            // Password-protected .xlsx files are OLE compound files holding an "EncryptedPackage" stream.
            var bytes = wholeFile();
            if (Contains(bytes, Encoding.Unicode.GetBytes("EncryptedPackage")) || Contains(bytes, Encoding.Unicode.GetBytes("EncryptionInfo")))
            {
                return ValidationIssue.Error(IssueCodes.EncryptedWorkbook, null, null, null,
                    "The workbook is protected with a password, so it cannot be read. Remove the password " +
                    "(File > Info > Protect Workbook > Encrypt with Password, clear it) and upload it again.");
            }

            return Reject("The file is in the old Excel 97-2003 format (.xls). Open it in Excel and save it as an Excel Workbook (.xlsx).");
        }

        if (head.IsEmpty) return Reject("The file is empty.");
        return Reject(DescribeText(head));
    }

    private static ValidationIssue Reject(string message) =>
        ValidationIssue.Error(IssueCodes.NotAWorkbook, null, null, null, message);

    private static string DescribeText(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.StartsWith('<'))
        {
            return text.Contains("html", StringComparison.OrdinalIgnoreCase) || text.Contains("<table", StringComparison.OrdinalIgnoreCase)
                ? "The file is a web page (HTML) renamed as a workbook. Open it in Excel and save it as an Excel Workbook (.xlsx)."
                : "The file is an XML document, not an Excel workbook (.xlsx). Save it from Excel as an Excel Workbook (.xlsx).";
        }

        if (text.StartsWith("%PDF", StringComparison.Ordinal)) return "The file is a PDF document, not an Excel workbook (.xlsx).";

        var printable = 0;
        foreach (var c in text) if (!char.IsControl(c) || c is '\r' or '\n' or '\t') printable++;
        if (text.Length > 0 && printable >= text.Length * 0.95)
        {
            return text.Contains(',') || text.Contains(';') || text.Contains('\t')
                ? "The file is a CSV or text file renamed as a workbook. Open it in Excel and save it as an Excel Workbook (.xlsx)."
                : "The file is a text file, not an Excel workbook (.xlsx).";
        }

        return "The file is not an Excel workbook (.xlsx); it is not a zip package as .xlsx files are.";
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
