namespace Reporting.Domain.Validation;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a file: a stable code, where it is (sheet and A1 cell, when it has a place),
/// the offending value as the miner typed it, and a message in words an accountant understands.
/// </summary>
public sealed record ValidationIssue(string Code, Severity Severity, string? Sheet, string? Cell, string? Value, string Message)
{
    public static ValidationIssue Error(string code, string? sheet, string? cell, string? value, string message) =>
        new(code, Severity.Error, sheet, cell, value, message);

    public static ValidationIssue Warning(string code, string? sheet, string? cell, string? value, string message) =>
        new(code, Severity.Warning, sheet, cell, value, message);

    /// <summary>"Sheet!B7", "Sheet", or "" for file-level issues.</summary>
    public string Location => (Sheet, Cell) switch
    {
        (null, null) => "",
        (null, { } cell) => cell,
        ({ } sheet, null) => sheet,
        ({ } sheet, { } cell) => $"{sheet}!{cell}",
    };
}
