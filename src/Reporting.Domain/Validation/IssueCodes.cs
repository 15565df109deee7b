using Reporting.Domain.Text;

namespace Reporting.Domain.Validation;

/// <summary>
/// Every code a validation report can carry, with the values its wordings name (the catalogue words them in
/// each language). Codes are stable: miners' systems and the committee's tools match on them, so a code is never
/// renamed or reused for another meaning.
/// </summary>
public static class IssueCodes
{
    // The file as a whole. These come first in a report and are never cut by the issue cap.
    public static readonly MessageCode NotAWorkbook = new("not-a-workbook", "reason");
    public static readonly MessageVariant NotAWorkbookEmpty = NotAWorkbook.Variant("empty");
    public static readonly MessageVariant NotAWorkbookEmptyZip = NotAWorkbook.Variant("empty-zip");
    public static readonly MessageVariant NotAWorkbookXls = NotAWorkbook.Variant("xls");
    public static readonly MessageVariant NotAWorkbookHtml = NotAWorkbook.Variant("html");
    public static readonly MessageVariant NotAWorkbookXml = NotAWorkbook.Variant("xml");
    public static readonly MessageVariant NotAWorkbookPdf = NotAWorkbook.Variant("pdf");
    public static readonly MessageVariant NotAWorkbookCsv = NotAWorkbook.Variant("csv");
    public static readonly MessageVariant NotAWorkbookText = NotAWorkbook.Variant("text");
    public static readonly MessageVariant NotAWorkbookNotZip = NotAWorkbook.Variant("not-zip");
    public static readonly MessageVariant NotAWorkbookWord = NotAWorkbook.Variant("word");
    public static readonly MessageVariant NotAWorkbookPowerPoint = NotAWorkbook.Variant("powerpoint");
    public static readonly MessageVariant NotAWorkbookXlsb = NotAWorkbook.Variant("xlsb");
    public static readonly MessageVariant NotAWorkbookOtherDocument = NotAWorkbook.Variant("other-document", "content_type");

    public static readonly MessageCode EncryptedWorkbook = new("encrypted-workbook");
    public static readonly MessageCode MacroEnabled = new("macro-enabled");
    public static readonly MessageCode FileTooLarge = new("file-too-large", "size_mb", "max_mb");
    public static readonly MessageVariant FileTooLargeAtLeast = FileTooLarge.Variant("at-least", "size_mb", "max_mb");
    public static readonly MessageCode ArchiveTooLarge = new("archive-too-large", "max_mib");
    public static readonly MessageVariant ArchiveTooLargeParts = ArchiveTooLarge.Variant("parts", "parts", "max_parts");
    public static readonly MessageVariant ArchiveTooLargeUnpacked = ArchiveTooLarge.Variant("unpacked", "size_mib", "max_mib");
    public static readonly MessageVariant ArchiveTooLargeSharedStrings = ArchiveTooLarge.Variant("shared-strings", "size_mib", "max_mib");
    public static readonly MessageCode DuplicatePart = new("duplicate-part", "part");
    public static readonly MessageCode TooManyRows = new("too-many-rows", "max_rows", "row");
    public static readonly MessageVariant TooManyRowsBelowLimit = TooManyRows.Variant("below-last-row", "row", "last_row", "max_rows");
    public static readonly MessageCode CellTooLong = new("cell-too-long", "length", "max");
    public static readonly MessageCode ReportTooLarge = new("report-too-large", "size_mib", "max_mib");
    public static readonly MessageCode TooManyIssues = new("too-many-issues", "count");

    // Structure
    public static readonly MessageCode MissingSheet = new("missing-sheet", "sheet", "sheets");
    public static readonly MessageVariant MissingSheetReport = MissingSheet.Variant("report", "sheet", "sheets");
    public static readonly MessageVariant MissingSheetSales = MissingSheet.Variant("sales", "sheet", "mined", "sold", "sheets");
    public static readonly MessageVariant MissingSheetRegistry = MissingSheet.Variant("registry", "sheet", "sheets");
    public static readonly MessageCode MissingColumn = new("missing-column", "column", "found");
    public static readonly MessageVariant MissingColumnEmptyHeader = MissingColumn.Variant("empty-header", "column");
    public static readonly MessageVariant MissingColumnRequiredByRows = MissingColumn.Variant("required-by-rows", "column", "found");
    public static readonly MessageCode DuplicateColumn = new("duplicate-column", "column", "first_cell");
    public static readonly MessageCode UnknownColumn = new("unknown-column", "column");
    public static readonly MessageCode MissingField = new("missing-field", "sheet", "label");
    public static readonly MessageVariant MissingFieldTemplateVersion = MissingField.Variant("template-version", "sheet", "label", "version");

    // Cells
    public static readonly MessageCode MissingValue = new("missing-value", "field");
    public static readonly MessageVariant MissingValueCurrency = MissingValue.Variant("currency", "field");
    public static readonly MessageCode TypeError = new("type-error", "field", "shown");
    public static readonly MessageVariant TypeErrorNumberIsText = TypeError.Variant("number-is-text", "field", "text");
    public static readonly MessageVariant TypeErrorNumberIsDate = TypeError.Variant("number-is-date", "field", "shown");
    public static readonly MessageVariant TypeErrorDateIsNumber = TypeError.Variant("date-is-number", "field", "shown");
    public static readonly MessageVariant TypeErrorDateIsOther = TypeError.Variant("date-is-other", "field", "shown");
    public static readonly MessageVariant TypeErrorErrorValue = TypeError.Variant("error-value", "field", "error");
    public static readonly MessageCode ConstraintError = new("constraint-error", "field");
    public static readonly MessageVariant ConstraintOutOfRange = ConstraintError.Variant("out-of-range", "field");
    public static readonly MessageVariant ConstraintNegative = ConstraintError.Variant("negative", "field");
    public static readonly MessageVariant ConstraintKwhNegative = ConstraintError.Variant("kwh-negative", "field");
    public static readonly MessageVariant ConstraintNotPositive = ConstraintError.Variant("not-positive", "field");
    public static readonly MessageVariant ConstraintTicker = ConstraintError.Variant("ticker", "field", "text");
    public static readonly MessageVariant ConstraintLicenceNumber = ConstraintError.Variant("licence-number", "text", "max");
    public static readonly MessageVariant ConstraintTooLong = ConstraintError.Variant("too-long", "field", "length", "max");
    public static readonly MessageVariant ConstraintEndBeforeStart = ConstraintError.Variant("end-before-start", "field", "start");
    public static readonly MessageVariant ConstraintWholeNumber = ConstraintError.Variant("whole-number", "field", "max");
    public static readonly MessageVariant ConstraintUnknownLicence = ConstraintError.Variant("unknown-licence", "licence", "sheet");
    public static readonly MessageVariant ConstraintChoice = ConstraintError.Variant("choice", "field", "choices", "text");
    public static readonly MessageCode FormulaWithoutCachedValue = new("formula-without-cached-value", "field");
    public static readonly MessageCode UnknownSource = new("unknown-source", "text", "sources");
    public static readonly MessageCode UnknownReportType = new("unknown-report-type", "text", "types");
    public static readonly MessageCode InvalidBin = new("invalid-bin", "text");
    public static readonly MessageCode InvalidPeriod = new("invalid-period", "text");
    public static readonly MessageVariant InvalidPeriodMonth = InvalidPeriod.Variant("month", "field", "text");
    public static readonly MessageCode DateOutsidePeriod = new("date-outside-period", "field", "date", "period", "month");
    public static readonly MessageVariant DateOutsidePeriodYear = DateOutsidePeriod.Variant("year", "field", "date", "period");
    public static readonly MessageCode DuplicateRow = new("duplicate-row", "row", "first_row");
    public static readonly MessageVariant DuplicateRowLabel = DuplicateRow.Variant("label", "label", "row", "first_row");
    public static readonly MessageVariant DuplicateRowConsumption = DuplicateRow.Variant("consumption", "row", "site", "meter", "source", "first_row");
    public static readonly MessageVariant DuplicateRowMined = DuplicateRow.Variant("mined", "row", "first_row");
    public static readonly MessageVariant DuplicateRowLicence = DuplicateRow.Variant("licence", "licence", "first_row");
    public static readonly MessageVariant DuplicateRowQuota = DuplicateRow.Variant("quota", "licence", "month", "first_row");
    public static readonly MessageVariant DuplicateRowUser = DuplicateRow.Variant("user", "user", "first_row");
    public static readonly MessageCode DuplicateTradeId = new("duplicate-trade-id", "trade_id", "first_row");
    public static readonly MessageCode TemplateVersion = new("template-version", "version", "current");
    public static readonly MessageCode NoDataRows = new("no-data-rows", "sheet");

    // Checks made when a file is uploaded
    public static readonly MessageCode LicencePathMismatch = new("licence-path-mismatch", "licence", "folder");
    public static readonly MessageVariant LicencePathMismatchNoFolder = LicencePathMismatch.Variant("no-folder", "example");
    public static readonly MessageCode InvalidUploadName = new("invalid-upload-name", "name");
    public static readonly MessageCode PeriodInFuture = new("period-in-future", "period", "current");
    public static readonly MessageCode PeriodNotCovered = new("period-not-covered", "period", "first");

    /// <summary>Problems with the file as a whole (limits, format): listed first and never dropped by the issue cap.</summary>
    public static IReadOnlySet<string> FileLevel { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        NotAWorkbook, EncryptedWorkbook, MacroEnabled, FileTooLarge, ArchiveTooLarge, DuplicatePart, TooManyRows, ReportTooLarge, InvalidUploadName,
    };
}
