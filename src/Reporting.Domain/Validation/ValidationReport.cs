namespace Reporting.Domain.Validation;

/// <summary>Every problem of one file, found in one pass; problems with the file as a whole come first.</summary>
public sealed class ValidationReport
{
    public ValidationReport(IReadOnlyList<ValidationIssue> issues, int suppressed = 0, int suppressedErrors = 0)
    {
        // A stable sort: file-level problems (limits, format) first, everything else in the order found.
        Issues = issues.Where(i => i.IsFileLevel).Concat(issues.Where(i => !i.IsFileLevel)).ToArray();
        Suppressed = suppressed;
        SuppressedErrors = suppressedErrors;
        ErrorCount = issues.Count(i => i.Severity == Severity.Error) + suppressedErrors;
        WarningCount = issues.Count(i => i.Severity == Severity.Warning) + suppressed - suppressedErrors;
    }

    public static ValidationReport Clean { get; } = new([]);

    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Issues beyond the per-file cap that were counted but not listed.</summary>
    public int Suppressed { get; }

    /// <summary>How many of the issues not listed are errors (they count: a file is valid only without any).</summary>
    public int SuppressedErrors { get; }

    public int ErrorCount { get; }
    public int WarningCount { get; }
    public bool IsValid => ErrorCount == 0;

    public ValidationReport With(IEnumerable<ValidationIssue> more) => new([.. Issues, .. more], Suppressed, SuppressedErrors);
}

/// <summary>
/// Collects issues while a file is read. Keeps at most <see cref="Capacity"/> of them so a hostile file cannot
/// exhaust memory, counting the rest; errors are never lost from the counts, and problems with the file as a
/// whole (limits, format; at most a handful) are always kept, whatever came before them.
/// </summary>
public sealed class IssueCollector(int capacity = IssueCollector.DefaultCapacity)
{
    public const int DefaultCapacity = 1000;

    private readonly List<ValidationIssue> _issues = [];
    private readonly List<ValidationIssue> _fileLevel = [];

    public int Capacity { get; } = capacity;
    public int Suppressed { get; private set; }
    public int SuppressedErrors { get; private set; }
    public int ErrorCount { get; private set; }
    public bool HasErrors => ErrorCount > 0;

    public void Add(ValidationIssue issue)
    {
        if (issue.Severity == Severity.Error) ErrorCount++;
        if (issue.IsFileLevel) _fileLevel.Add(issue);
        else if (_issues.Count < Capacity) _issues.Add(issue);
        else
        {
            Suppressed++;
            if (issue.Severity == Severity.Error) SuppressedErrors++;
        }
    }

    public void Error(Text.Message message, string? sheet = null, string? cell = null, string? value = null) =>
        Add(ValidationIssue.Error(message, sheet, cell, value));

    public void Warning(Text.Message message, string? sheet = null, string? cell = null, string? value = null) =>
        Add(ValidationIssue.Warning(message, sheet, cell, value));

    public ValidationReport ToReport()
    {
        var issues = new List<ValidationIssue>(_fileLevel.Count + _issues.Count + 1);
        issues.AddRange(_fileLevel);
        issues.AddRange(_issues);
        if (Suppressed > 0) issues.Add(ValidationIssue.Warning(IssueCodes.TooManyIssues.With(("count", Suppressed))));
        return new ValidationReport(issues, Suppressed, SuppressedErrors);
    }
}
