using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;

namespace Reporting.Application.Validation;

/// <summary>
/// One issue as miners' tools and the command line see it: the stable code and location, the value as typed, and the
/// message and title in the reader's language.
/// </summary>
public sealed record IssueView(string Code, string Severity, string? Sheet, string? Cell, string? Value, string Message, string Title)
{
    /// <summary>The issue as the command line prints it: "Sheet!Cell: code: message" (location omitted when none).</summary>
    public string ToLine() => (Sheet, Cell) switch
    {
        (null, _) => $"{Code}: {Message}",
        (_, null) => $"{Sheet}: {Code}: {Message}",
        _ => $"{Sheet}!{Cell}: {Code}: {Message}",
    };

    public static IssueView From(ValidationIssue issue, Words words) =>
        new(issue.Code, issue.Severity.Code(), issue.Sheet, issue.Cell, issue.Value, words.Render(issue.Message), words.Title(issue.Code));

    public static IReadOnlyList<IssueView> From(ValidationReport report, Words words) => report.Issues.Select(i => From(i, words)).ToArray();
}

/// <summary>The validation of one file: what it is (as far as readable), whether it is valid, and every issue.</summary>
public sealed record FileValidation(string File, string? Kind, string? Licence, string? Period, bool Valid, IReadOnlyList<IssueView> Issues)
{
    public static FileValidation From(string file, MonthReportParseResult result, Words words) => new(
        file,
        result.Kind?.Code(),
        result.Licence,
        result.Period?.ToString(),
        result.IsValid,
        IssueView.From(result.Validation, words));
}
