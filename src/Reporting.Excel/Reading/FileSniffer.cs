using System.Text;
using Reporting.Domain.Text;
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
        if (head.StartsWith(EmptyZipSignature)) return Reject(IssueCodes.NotAWorkbookEmptyZip);

        if (head.StartsWith(CompoundFileSignature))
        {
            // Password-protected .xlsx files are OLE compound files holding an "EncryptedPackage" stream.
            var bytes = wholeFile();
            if (Contains(bytes, Encoding.Unicode.GetBytes("EncryptedPackage")) || Contains(bytes, Encoding.Unicode.GetBytes("EncryptionInfo")))
            {
                return ValidationIssue.Error(IssueCodes.EncryptedWorkbook.With());
            }

            return Reject(IssueCodes.NotAWorkbookXls);
        }

        if (head.IsEmpty) return Reject(IssueCodes.NotAWorkbookEmpty);
        return Reject(DescribeText(head));
    }

    private static ValidationIssue Reject(MessageVariant variant) => ValidationIssue.Error(variant.With());

    private static MessageVariant DescribeText(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.StartsWith('<'))
        {
            return text.Contains("html", StringComparison.OrdinalIgnoreCase) || text.Contains("<table", StringComparison.OrdinalIgnoreCase)
                ? IssueCodes.NotAWorkbookHtml
                : IssueCodes.NotAWorkbookXml;
        }

        if (text.StartsWith("%PDF", StringComparison.Ordinal)) return IssueCodes.NotAWorkbookPdf;

        var printable = 0;
        foreach (var c in text) if (!char.IsControl(c) || c is '\r' or '\n' or '\t') printable++;
        if (text.Length > 0 && printable >= text.Length * 0.95)
        {
            return text.Contains(',') || text.Contains(';') || text.Contains('\t') ? IssueCodes.NotAWorkbookCsv : IssueCodes.NotAWorkbookText;
        }

        return IssueCodes.NotAWorkbookNotZip;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
