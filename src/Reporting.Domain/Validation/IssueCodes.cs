namespace Reporting.Domain.Validation;

/// <summary>
/// Every code a validation report can carry. Codes are stable: miners' systems and the committee's
/// tools match on them, so a code is never renamed or reused for another meaning.
/// </summary>
public static class IssueCodes
{
    // The file as a whole
    public const string NotAWorkbook = "not-a-workbook";
    public const string EncryptedWorkbook = "encrypted-workbook";
    public const string MacroEnabled = "macro-enabled";
    public const string FileTooLarge = "file-too-large";
    public const string ArchiveTooLarge = "archive-too-large";
    public const string TooManyRows = "too-many-rows";
    public const string TooManyIssues = "too-many-issues";

    // Structure
    public const string MissingSheet = "missing-sheet";
    public const string MissingColumn = "missing-column";
    public const string DuplicateColumn = "duplicate-column";
    public const string UnknownColumn = "unknown-column";
    public const string MissingField = "missing-field";

    // Cells
    public const string MissingValue = "missing-value";
    public const string TypeError = "type-error";
    public const string ConstraintError = "constraint-error";
    public const string FormulaWithoutCachedValue = "formula-without-cached-value";
    public const string UnknownSource = "unknown-source";
    public const string UnknownReportType = "unknown-report-type";
    public const string InvalidBin = "invalid-bin";
    public const string InvalidPeriod = "invalid-period";
    public const string DateOutsidePeriod = "date-outside-period";
    public const string DuplicateRow = "duplicate-row";
    public const string DuplicateTradeId = "duplicate-trade-id";
    public const string TemplateVersion = "template-version";
    public const string NoDataRows = "no-data-rows";

    // Checks made when a file is uploaded
    public const string LicencePathMismatch = "licence-path-mismatch";
    public const string PeriodInFuture = "period-in-future";
    public const string PeriodNotCovered = "period-not-covered";
}
