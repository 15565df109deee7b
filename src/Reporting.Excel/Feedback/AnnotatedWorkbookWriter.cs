using ClosedXML.Excel;
using Reporting.Excel.Writing;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Feedback;

/// <summary>
/// A copy of the miner's own workbook with every problem marked: the cell filled (red for errors,
/// yellow for warnings) and a comment stating each issue, plus a "Problems" sheet first listing them all
/// with links to the cells. Text from the file is written back as text only (never as a formula).
/// </summary>
public static class AnnotatedWorkbookWriter
{
    public const string ProblemsSheet = "Problems";

    /// <summary>The annotated workbook, or null when the original cannot be opened for annotation.</summary>
    public static byte[]? Annotate(byte[] original, IReadOnlyList<ValidationIssue> issues)
    {
        try
        {
            using var workbook = new XLWorkbook(new MemoryStream(original));
            foreach (var group in issues.Where(i => i.Sheet is not null && i.Cell is not null).GroupBy(i => (i.Sheet!, i.Cell!)))
            {
                var sheet = FindSheet(workbook, group.Key.Item1);
                if (sheet is null) continue;
                var cell = sheet.Cell(group.Key.Item2);
                var error = group.Any(i => i.Severity == Severity.Error);
                cell.Style.Fill.BackgroundColor = error ? XLColor.FromHtml("#FFC7CE") : XLColor.FromHtml("#FFEB9C");
                var comment = cell.Comment;
                comment.Author = "Reporting pipeline";
                foreach (var issue in group)
                {
                    comment.AddText($"{(issue.Severity == Severity.Error ? "Error" : "Warning")} {issue.Code}: {issue.Message}");
                    comment.AddNewLine();
                }
            }

            AddProblemsSheet(workbook, issues);
            return PackageNormalizer.Save(workbook);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ClosedXML cannot open every file that is readable as data (unusual parts, damaged styles).
            return null;
        }
    }

    private static void AddProblemsSheet(XLWorkbook workbook, IReadOnlyList<ValidationIssue> issues)
    {
        var name = ProblemsSheet;
        for (var n = 2; workbook.Worksheets.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)); n++) name = $"{ProblemsSheet} {n}";
        var sheet = workbook.Worksheets.Add(name, 1);
        string[] headers = ["Severity", "Code", "Sheet", "Cell", "Value", "Message"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(headers[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var row = 2;
        foreach (var issue in issues)
        {
            Text(sheet.Cell(row, 1), issue.Severity == Severity.Error ? "error" : "warning");
            Text(sheet.Cell(row, 2), issue.Code);
            Text(sheet.Cell(row, 3), issue.Sheet);
            Text(sheet.Cell(row, 4), issue.Cell);
            Text(sheet.Cell(row, 5), issue.Value);
            Text(sheet.Cell(row, 6), issue.Message);
            if (issue.Sheet is not null && issue.Cell is not null && FindSheet(workbook, issue.Sheet) is { } target)
                sheet.Cell(row, 4).Hyperlink = (new XLHyperlink($"'{target.Name.Replace("'", "''", StringComparison.Ordinal)}'!{issue.Cell}"));
            row++;
        }

        sheet.Column(1).Width = 10;
        sheet.Column(2).Width = 28;
        sheet.Column(3).Width = 14;
        sheet.Column(4).Width = 8;
        sheet.Column(5).Width = 24;
        sheet.Column(6).Width = 100;
        sheet.SheetView.FreezeRows(1);
        sheet.SetTabActive();
        foreach (var other in workbook.Worksheets.Where(w => w != sheet)) other.SetTabActive(false);
    }

    private static void Text(IXLCell cell, string? text) => SafeText.Write(cell, text);

    private static IXLWorksheet? FindSheet(XLWorkbook workbook, string name) =>
        workbook.Worksheets.FirstOrDefault(w => string.Equals(w.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
}
