using System.Globalization;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Reads typed values from cells of one sheet, reporting every problem with the cell's address and
/// the value as typed. Never guesses: text where a number belongs is an error, not a parse attempt.
/// </summary>
public sealed class CellParser(string sheet, IssueCollector issues)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    public string Sheet { get; } = sheet;
    public IssueCollector Issues { get; } = issues;

    /// <summary>Text of a cell; numbers are accepted as their digits (a meter id typed as 12345).</summary>
    public string? Text(SheetRow row, int column, string field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        return cell.Kind switch
        {
            CellKind.Text => cell.Text!.Trim(),
            CellKind.Number => FormatNumberAsText(cell.Number),
            _ => cell.Display,
        };
    }

    /// <summary>A number, converted exactly as Excel shows it (15 significant digits) into a decimal.</summary>
    public decimal? Decimal(SheetRow row, int column, string field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        switch (cell.Kind)
        {
            case CellKind.Number:
                if (!double.IsFinite(cell.Number) || Math.Abs(cell.Number) >= 7.9e27)
                {
                    Error(IssueCodes.ConstraintError, row, column, cell.Display, $"{field} is out of range.");
                    return null;
                }

                // decimal(double) keeps 15 significant digits, as Excel displays; it drops binary noise such as 0.30000000000000004.
                return new decimal(cell.Number);
            case CellKind.Text:
                Error(IssueCodes.TypeError, row, column, cell.Text,
                    $"{field} must be a number, but the cell holds the text '{cell.Text}'. Type the number without spaces, " +
                    "units or thousands separators, or change the cell's format from Text to Number.");
                return null;
            case CellKind.Date:
                Error(IssueCodes.TypeError, row, column, cell.Display,
                    $"{field} must be a number, but the cell is formatted as a date ({cell.Display}). Change the cell's format to Number.");
                return null;
            default:
                Error(IssueCodes.TypeError, row, column, cell.Display, $"{field} must be a number, but the cell holds {cell.Display}.");
                return null;
        }
    }

    /// <summary>A date: a date cell, or text in the unambiguous forms 2025-03-14 or 14.03.2025.</summary>
    public DateOnly? Date(SheetRow row, int column, string field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        switch (cell.Kind)
        {
            case CellKind.Date:
                return DateOnly.FromDateTime(cell.Date);
            case CellKind.Text when TryParseTextDate(cell.Text, out var parsed):
                return parsed;
            case CellKind.Number:
                Error(IssueCodes.TypeError, row, column, cell.Display,
                    $"{field} must be a date, but the cell holds the number {cell.Display}. Format the cell as a date (e.g. 2025-03-14).");
                return null;
            default:
                Error(IssueCodes.TypeError, row, column, cell.Display,
                    $"{field} must be a date, but the cell holds '{cell.Display}'. Enter a date such as 2025-03-14 or 14.03.2025.");
                return null;
        }
    }

    /// <summary>A date typed as text in one of the unambiguous forms 2025-03-14 or 14.03.2025 (a time of day is ignored).</summary>
    public static bool TryParseTextDate(string? text, out DateOnly date)
    {
        date = default;
        if (text is null || !DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = DateOnly.FromDateTime(parsed);
        return true;
    }

    public void Error(string code, SheetRow row, int column, string? value, string message) =>
        Issues.Error(code, Sheet, CellReference.Address(column, row.Number), value, message);

    public void Warning(string code, SheetRow row, int column, string? value, string message) =>
        Issues.Warning(code, Sheet, CellReference.Address(column, row.Number), value, message);

    private void Missing(SheetRow row, int column, string field) =>
        Error(IssueCodes.MissingValue, row, column, null, $"{field} is required, but the cell is empty.");

    /// <summary>
    /// The cell's value when there is one to read. False for an absent column, an empty cell (reported
    /// when required) and a cell whose value cannot be known (reported).
    /// </summary>
    private bool TryGetValue(SheetRow row, int column, string field, bool required, out CellValue cell)
    {
        cell = column == 0 ? CellValue.Empty : row[column];
        if (column == 0 || !Readable(cell, row, column, field)) return false;
        if (!cell.IsEmpty) return true;
        if (required) Missing(row, column, field);
        return false;
    }

    /// <summary>False (with the issue recorded) for cells whose value cannot be known.</summary>
    private bool Readable(CellValue cell, SheetRow row, int column, string field)
    {
        switch (cell.Kind)
        {
            case CellKind.FormulaWithoutValue:
                Error(IssueCodes.FormulaWithoutCachedValue, row, column, null,
                    $"{field} is a formula whose result was never saved in the file. Open the workbook in Excel, " +
                    "recalculate (Ctrl+Alt+F9) and save it, or type the value instead of the formula.");
                return false;
            case CellKind.Error:
                Error(IssueCodes.TypeError, row, column, cell.Text,
                    $"{field} shows the error {cell.Text}. Correct the formula or type the value.");
                return false;
            default:
                return true;
        }
    }

    private static string FormatNumberAsText(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
}
