using Reporting.Domain.Validation;
using Reporting.Excel.Reports;

namespace Reporting.Application.Validation;

/// <summary>One issue as miners' tools and the command line see it.</summary>
public sealed record IssueView(string Code, string Severity, string? Sheet, string? Cell, string? Value, string Message)
{
    /// <summary>The issue as the command line prints it: "Sheet!Cell: code: message" (location omitted when none).</summary>
    public string ToLine() => (Sheet, Cell) switch
    {
        (null, _) => $"{Code}: {Message}",
        (_, null) => $"{Sheet}: {Code}: {Message}",
        _ => $"{Sheet}!{Cell}: {Code}: {Message}",
    };

    public static IssueView From(ValidationIssue issue) =>
        new(issue.Code, issue.Severity == Domain.Validation.Severity.Error ? "error" : "warning", issue.Sheet, issue.Cell, issue.Value, issue.Message);
}

/// <summary>The validation of one file: what it is (as far as readable), whether it is valid, and every issue.</summary>
public sealed record FileValidation(string File, string? Kind, string? Licence, string? Period, bool Valid, IReadOnlyList<IssueView> Issues)
{
    public static FileValidation From(string file, MonthReportParseResult result) => new(
        file,
        result.Kind switch { Domain.Reports.ReportKind.Consumption => "consumption", Domain.Reports.ReportKind.Sales => "sales", _ => null },
        result.Licence,
        result.Period?.ToString(),
        result.IsValid,
        result.Validation.Issues.Select(IssueView.From).ToArray());
}
