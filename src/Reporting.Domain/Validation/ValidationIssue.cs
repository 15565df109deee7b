using Reporting.Domain.Text;

namespace Reporting.Domain.Validation;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a file: what it is (a message: stable code and values, worded by the catalogue in the
/// reader's language), where it is (sheet and A1 cell, when it has a place) and the offending value as the miner
/// typed it.
/// </summary>
public sealed record ValidationIssue(Message Message, Severity Severity, string? Sheet, string? Cell, string? Value)
{
    /// <summary>Longest value kept as typed; a longer one (a hostile 2-million-character cell) is cut, so feedback stays small.</summary>
    public const int MaxValueLength = 200;

    public string? Value { get; init; } = Shorten(Value);

    public string Code => Message.Code;

    public bool IsFileLevel => IssueCodes.FileLevel.Contains(Code);

    public static ValidationIssue Error(Message message, string? sheet = null, string? cell = null, string? value = null) =>
        new(message, Severity.Error, sheet, cell, value);

    public static ValidationIssue Warning(Message message, string? sheet = null, string? cell = null, string? value = null) =>
        new(message, Severity.Warning, sheet, cell, value);

    private static string? Shorten(string? value) => value is null || value.Length <= MaxValueLength ? value : value[..MaxValueLength] + "…";

    /// <summary>"Sheet!B7", "Sheet", or "" for file-level issues.</summary>
    public string Location => (Sheet, Cell) switch
    {
        (null, null) => "",
        (null, { } cell) => cell,
        ({ } sheet, null) => sheet,
        ({ } sheet, { } cell) => $"{sheet}!{cell}",
    };
}
