using System.IO.Compression;
using ClosedXML.Excel;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Writing;

namespace Reporting.Excel.Feedback;

/// <summary>What the feedback workbook is: the miner's own file with the problem cells marked, or a list of the problems alone.</summary>
public enum FeedbackWorkbookKind
{
    Annotated,

    /// <summary>The file was too large to copy with marks (or could not be opened for it): its problems are listed with their cells.</summary>
    ProblemsOnly,
}

/// <summary>The feedback workbook, and why it is only a list when a copy with marks was tried and failed (to be logged).</summary>
public sealed record FeedbackWorkbook(byte[] Content, FeedbackWorkbookKind Kind, Exception? AnnotationFailure = null);

/// <summary>
/// The workbook a miner gets back, in their language. A small file is copied with every problem marked: the cell filled
/// (red for errors, yellow for warnings) and a comment stating each issue, plus a "Problems" sheet first listing them all
/// with links to the cells. Copying means loading the whole workbook into memory (ClosedXML: about 7 GB for a million-row
/// file), so a file whose sheets unpack beyond <c>annotateMaxBytes</c> gets the Problems sheet alone, written as a stream:
/// time and memory stay bounded by the issue cap whatever the file. Text from the file is written back as text only.
/// </summary>
public static class FeedbackWorkbookWriter
{
    /// <summary>Default bound on the unpacked size of the sheets of a file copied with marks (about 5,000 rows of five cells).</summary>
    public const long DefaultAnnotateMaxBytes = 1024 * 1024;

    /// <summary>The feedback workbook, or null when no issue has a place in the file (a file that is not a workbook at all).</summary>
    public static FeedbackWorkbook? Write(byte[] original, IReadOnlyList<ValidationIssue> issues, Language language, long annotateMaxBytes = DefaultAnnotateMaxBytes)
    {
        if (original.Length == 0 || !issues.Any(i => i.Cell is not null)) return null;
        var words = MessageCatalog.Default.In(language);
        Exception? failure = null;
        if (UnpackedSheetBytes(original) is { } size && size <= annotateMaxBytes)
        {
            try
            {
                return new FeedbackWorkbook(Annotate(original, issues, words), FeedbackWorkbookKind.Annotated);
            }
            catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
            {
                // ClosedXML cannot open or save every file that is readable as data (unusual parts, characters it will not write).
                // The miner still gets every problem listed; the caller logs why the copy failed, with its stack.
                failure = e;
            }
        }

        return new FeedbackWorkbook(ProblemsOnly(issues, words), FeedbackWorkbookKind.ProblemsOnly, failure);
    }

    /// <summary>The unpacked size of the workbook's XML parts from the zip directory (no part is read), or null if it is no zip.</summary>
    private static long? UnpackedSheetBytes(byte[] original)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
            return zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static byte[] Annotate(byte[] original, IReadOnlyList<ValidationIssue> issues, Words words)
    {
        using var workbook = new XLWorkbook(new MemoryStream(original));
        // The miner's own cells may hold characters XML cannot carry (read from _x0001_ escapes); ClosedXML would fail to
        // save them, so the copy shows U+FFFD in their place (the Problems sheet names the cell).
        foreach (var cell in workbook.Worksheets.SelectMany(w => w.CellsUsed(c => c.DataType == XLDataType.Text && !c.HasFormula)))
        {
            var text = cell.GetString();
            if (text.Any(IsNotXml)) cell.SetValue(new string(text.Select(c => IsNotXml(c) ? '\uFFFD' : c).ToArray()));
        }

        foreach (var group in issues.Where(i => i.Sheet is not null && i.Cell is not null).GroupBy(i => (i.Sheet!, i.Cell!)))
        {
            var sheet = FindSheet(workbook, group.Key.Item1);
            if (sheet is null) continue;
            var cell = sheet.Cell(group.Key.Item2);
            var error = group.Any(i => i.Severity == Severity.Error);
            cell.Style.Fill.BackgroundColor = error ? XLColor.FromHtml("#FFC7CE") : XLColor.FromHtml("#FFEB9C");
            var comment = cell.Comment;
            comment.Author = words[FeedbackTexts.CommentAuthor];
            foreach (var issue in group)
            {
                comment.AddText(Inert(words.Render(FeedbackTexts.CommentLine.With(("severity", Terms.Term(issue.Severity)), ("code", issue.Code), ("message", words.Render(issue.Message))))));
                comment.AddNewLine();
            }
        }

        AddProblemsSheet(workbook, issues, words);
        return PackageNormalizer.Save(workbook);
    }

    private static void AddProblemsSheet(XLWorkbook workbook, IReadOnlyList<ValidationIssue> issues, Words words)
    {
        var baseName = words[FeedbackTexts.ProblemsSheet];
        var name = baseName;
        for (var n = 2; workbook.Worksheets.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)); n++) name = $"{baseName} {n}";
        var sheet = workbook.Worksheets.Add(name, 1);
        var headers = Headers(words);
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var row = 2;
        foreach (var issue in issues)
        {
            Text(sheet.Cell(row, 1), words[Terms.Of(issue.Severity)]);
            Text(sheet.Cell(row, 2), issue.Code);
            Text(sheet.Cell(row, 3), issue.Sheet);
            Text(sheet.Cell(row, 4), issue.Cell);
            Text(sheet.Cell(row, 5), issue.Value);
            Text(sheet.Cell(row, 6), words.Render(issue.Message));
            if (issue.Sheet is not null && issue.Cell is not null && FindSheet(workbook, issue.Sheet) is { } target)
                sheet.Cell(row, 4).Hyperlink = new XLHyperlink($"'{target.Name.Replace("'", "''", StringComparison.Ordinal)}'!{issue.Cell}");
            row++;
        }

        double[] widths = [12, 28, 14, 8, 24, 100];
        for (var c = 0; c < widths.Length; c++) sheet.Column(c + 1).Width = widths[c];
        sheet.SheetView.FreezeRows(1);
        sheet.SetTabActive();
        foreach (var other in workbook.Worksheets.Where(w => w != sheet)) other.SetTabActive(false);
    }

    /// <summary>The problems as a streamed workbook of one sheet: bounded by the number of issues, whatever the original's size.</summary>
    private static byte[] ProblemsOnly(IReadOnlyList<ValidationIssue> issues, Words words)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream, new XlsxWriterOptions { SharedStrings = false }))
        {
            var header = writer.Style(new XlsxStyle(Bold: true, Fill: "DDEBF7", Wrap: true));
            var quoted = writer.Style(new XlsxStyle(QuotePrefix: true));
            var sheet = writer.AddSheet(words[FeedbackTexts.ProblemsSheet], new XlsxSheetOptions([12, 28, 14, 8, 24, 100], FreezeHeader: true, AutoFilter: true));
            sheet.WriteRow(Headers(words).Select(h => XlsxCell.Of(h).WithStyle(header)).ToArray());
            XlsxCell Cell(string? text) => text is null ? XlsxCell.Empty : XlsxCell.Of(text).WithStyle(SafeText.LooksLikeFormula(text) ? quoted : 0);
            foreach (var issue in issues)
            {
                sheet.WriteRow(Cell(words[Terms.Of(issue.Severity)]), Cell(issue.Code), Cell(issue.Sheet), Cell(issue.Cell), Cell(issue.Value), Cell(words.Render(issue.Message)));
            }

            sheet.EndFilterRange();
            sheet.WriteRow(XlsxCell.Empty);
            sheet.WriteRow(XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Empty, XlsxCell.Of(words[FeedbackTexts.ProblemsOnlyNote]));
        }

        return stream.ToArray();
    }

    private static string[] Headers(Words words) =>
        [words[FeedbackTexts.Severity], words[FeedbackTexts.Code], words[FeedbackTexts.Sheet], words[FeedbackTexts.Cell], words[FeedbackTexts.Value], words[FeedbackTexts.Message]];

    private static void Text(IXLCell cell, string? text) => SafeText.Write(cell, Inert(text));

    private static bool IsNotXml(char c) => c < ' ' && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF';

    /// <summary>Control characters XML cannot carry (a value copied from the miner's cell) are dropped, so the copy can always be saved.</summary>
    private static string? Inert(string? text) =>
        text is null || !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? text : new string(text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r').ToArray());

    private static IXLWorksheet? FindSheet(XLWorkbook workbook, string name) =>
        workbook.Worksheets.FirstOrDefault(w => string.Equals(w.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
