using System.Globalization;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Reads typed values from cells of one sheet, reporting every problem with the cell's address and
/// the value as typed. Never guesses: text where a number belongs is an error, not a parse attempt.
/// </summary>
public sealed class CellParser(string sheet, IssueCollector issues)
{
    /// <summary>Excel's own limit on the text of one cell; a longer one was not written by Excel.</summary>
    public const int ExcelMaxCellLength = 32_767;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    public string Sheet { get; } = sheet;
    public IssueCollector Issues { get; } = issues;

    /// <summary>Text of a cell; numbers are accepted as their digits (a meter id typed as 12345). Longer than the field allows is an error.</summary>
    public string? Text(SheetRow row, int column, Heading field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        var text = cell.Kind switch
        {
            CellKind.Text => cell.Text!.Trim(),
            CellKind.Number => FormatNumberAsText(cell.Number),
            _ => cell.Display,
        };
        if (text is not null && text.Length > field.MaxLength)
        {
            Error(IssueCodes.ConstraintTooLong.With(("field", field.Term), ("length", text.Length), ("max", field.MaxLength)), row, column, text);
            return null;
        }

        return text;
    }

    /// <summary>A number, converted exactly as Excel shows it (15 significant digits) into a decimal.</summary>
    public decimal? Decimal(SheetRow row, int column, Heading field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        switch (cell.Kind)
        {
            case CellKind.Number:
                if (!double.IsFinite(cell.Number) || Math.Abs(cell.Number) >= 7.9e27)
                {
                    Error(IssueCodes.ConstraintOutOfRange.With(("field", field.Term)), row, column, cell.Display);
                    return null;
                }

                // decimal(double) keeps 15 significant digits, as Excel displays; it drops binary noise such as 0.30000000000000004.
                return new decimal(cell.Number);
            case CellKind.Text:
                Error(IssueCodes.TypeErrorNumberIsText.With(("field", field.Term), ("text", cell.Text)), row, column, cell.Text);
                return null;
            case CellKind.Date:
                Error(IssueCodes.TypeErrorNumberIsDate.With(("field", field.Term), ("shown", cell.Display)), row, column, cell.Display);
                return null;
            default:
                Error(IssueCodes.TypeError.With(("field", field.Term), ("shown", cell.Display)), row, column, cell.Display);
                return null;
        }
    }

    /// <summary>A date: a date cell, or text in the unambiguous forms 2025-03-14 or 14.03.2025.</summary>
    public DateOnly? Date(SheetRow row, int column, Heading field, bool required)
    {
        if (!TryGetValue(row, column, field, required, out var cell)) return null;
        switch (cell.Kind)
        {
            case CellKind.Date:
                return DateOnly.FromDateTime(cell.Date);
            case CellKind.Text when TryParseTextDate(cell.Text, out var parsed):
                return parsed;
            case CellKind.Number:
                Error(IssueCodes.TypeErrorDateIsNumber.With(("field", field.Term), ("shown", cell.Display)), row, column, cell.Display);
                return null;
            default:
                Error(IssueCodes.TypeErrorDateIsOther.With(("field", field.Term), ("shown", cell.Display)), row, column, cell.Display);
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

    public void Error(Message message, SheetRow row, int column, string? value) =>
        Issues.Error(message, Sheet, CellReference.Address(column, row.Number), value);

    public void Warning(Message message, SheetRow row, int column, string? value) =>
        Issues.Warning(message, Sheet, CellReference.Address(column, row.Number), value);

    /// <summary>
    /// The cell's value when there is one to read. False for an absent column, an empty cell (reported
    /// when required) and a cell whose value cannot be known or stored (reported).
    /// </summary>
    private bool TryGetValue(SheetRow row, int column, Heading field, bool required, out CellValue cell)
    {
        cell = column == 0 ? CellValue.Empty : row[column];
        if (column == 0 || !Readable(cell, row, column, field)) return false;
        if (!cell.IsEmpty) return true;
        if (required) Error(IssueCodes.MissingValue.With(("field", field.Term)), row, column, null);
        return false;
    }

    /// <summary>False (with the issue recorded) for cells whose value cannot be known, or that no Excel could have written.</summary>
    private bool Readable(CellValue cell, SheetRow row, int column, Heading field)
    {
        switch (cell.Kind)
        {
            case CellKind.FormulaWithoutValue:
                Error(IssueCodes.FormulaWithoutCachedValue.With(("field", field.Term)), row, column, null);
                return false;
            case CellKind.Error:
                Error(IssueCodes.TypeErrorErrorValue.With(("field", field.Term), ("error", cell.Text)), row, column, cell.Text);
                return false;
            case CellKind.Text when cell.Text!.Length > ExcelMaxCellLength:
                Error(IssueCodes.CellTooLong.With(("length", cell.Text.Length), ("max", ExcelMaxCellLength)), row, column, cell.Text);
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
