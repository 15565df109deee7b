using Reporting.Domain.Text;

namespace Reporting.Excel.Feedback;

/// <summary>The words of the feedback workbook a miner downloads.</summary>
public static class FeedbackTexts
{
    public static readonly TextKey ProblemsSheet = new("feedback.sheet.problems");
    public static readonly TextKey Severity = new("feedback.column.severity");
    public static readonly TextKey Code = new("feedback.column.code");
    public static readonly TextKey Sheet = new("feedback.column.sheet");
    public static readonly TextKey Cell = new("feedback.column.cell");
    public static readonly TextKey Value = new("feedback.column.value");
    public static readonly TextKey Message = new("feedback.column.message");
    public static readonly TextKey CommentAuthor = new("feedback.comment-author");
    public static readonly TextKey CommentLine = new("feedback.comment-line", "severity", "code", "message");
    public static readonly TextKey ProblemsOnlyNote = new("feedback.problems-only-note");
    public static readonly TextKey MoreProblems = new("feedback.more-problems", "count");
}
