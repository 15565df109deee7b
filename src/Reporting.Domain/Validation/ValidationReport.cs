namespace Reporting.Domain.Validation;

/// <summary>Every problem of one file, found in one pass.</summary>
public sealed class ValidationReport
{
    public ValidationReport(IReadOnlyList<ValidationIssue> issues, int suppressed = 0)
    {
        Issues = issues;
        Suppressed = suppressed;
        ErrorCount = issues.Count(i => i.Severity == Severity.Error);
        WarningCount = issues.Count - ErrorCount;
    }

    public static ValidationReport Clean { get; } = new([]);

    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Issues beyond the per-file cap that were counted but not listed.</summary>
    public int Suppressed { get; }

    public int ErrorCount { get; }
    public int WarningCount { get; }
    public bool IsValid => ErrorCount == 0;

    public ValidationReport With(IEnumerable<ValidationIssue> more) => new([.. Issues, .. more], Suppressed);
}

/// <summary>
/// Collects issues while a file is read. Keeps at most <see cref="Capacity"/> of them so a hostile file
/// cannot exhaust memory, counting the rest; errors are never lost from the counts.
/// </summary>
public sealed class IssueCollector(int capacity = IssueCollector.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    private readonly List<ValidationIssue> _issues = [];

    public int Capacity { get; } = capacity;
    public int Suppressed { get; private set; }
    public int ErrorCount { get; private set; }
    public bool HasErrors => ErrorCount > 0;

    public void Add(ValidationIssue issue)
    {
        if (issue.Severity == Severity.Error) ErrorCount++;
        if (_issues.Count < Capacity) _issues.Add(issue);
        else Suppressed++;
    }

    public void Error(string code, string? sheet, string? cell, string? value, string message) =>
        Add(ValidationIssue.Error(code, sheet, cell, value, message));

    public void Warning(string code, string? sheet, string? cell, string? value, string message) =>
        Add(ValidationIssue.Warning(code, sheet, cell, value, message));

    public ValidationReport ToReport()
    {
        var issues = new List<ValidationIssue>(_issues);
        if (Suppressed > 0)
        {
            issues.Add(ValidationIssue.Warning(IssueCodes.TooManyIssues, null, null, null,
                $"{Suppressed} further problems were found and not listed. Fix the ones above and upload the file again."));
        }

        return new ValidationReport(issues, Suppressed);
    }
}
