using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Raised inside the reader when the file itself is unacceptable (damaged, too large, a zip bomb).
/// Parsers turn it into the issue it carries; it never escapes a parser.
/// </summary>
public sealed class WorkbookRejectedException(ValidationIssue issue) : Exception(issue.Message.ToString())
{
    public ValidationIssue Issue { get; } = issue;
}
