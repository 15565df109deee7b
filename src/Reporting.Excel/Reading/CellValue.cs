using System.Globalization;

namespace Reporting.Excel.Reading;

public enum CellKind
{
    Empty,
    Number,
    Text,
    Boolean,
    Date,
    Error,

    /// <summary>A formula whose result was never calculated and saved; there is no value to read.</summary>
    FormulaWithoutValue,
}

/// <summary>
/// A cell's typed value as stored in the file. Numbers keep the double Excel stores; a number in a
/// date-formatted cell is a <see cref="CellKind.Date"/>. Formula cells carry their cached result.
/// </summary>
public readonly record struct CellValue(CellKind Kind, double Number, string? Text, DateTime Date, bool IsFormula)
{
    public static CellValue Empty { get; } = new(CellKind.Empty, 0, null, default, false);

    public bool IsEmpty => Kind == CellKind.Empty || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Text));

    public static CellValue FromNumber(double value, bool isFormula = false) => new(CellKind.Number, value, null, default, isFormula);
    public static CellValue FromText(string value, bool isFormula = false) => new(CellKind.Text, 0, value, default, isFormula);
    public static CellValue FromDate(DateTime value, double serial, bool isFormula = false) => new(CellKind.Date, serial, null, value, isFormula);
    public static CellValue FromBoolean(bool value, bool isFormula = false) => new(CellKind.Boolean, value ? 1 : 0, null, default, isFormula);
    public static CellValue FromError(string code, bool isFormula = false) => new(CellKind.Error, 0, code, default, isFormula);
    public static CellValue MissingFormulaResult { get; } = new(CellKind.FormulaWithoutValue, 0, null, default, true);

    /// <summary>The value as a person would recognise it, for validation messages (invariant culture).</summary>
    public string? Display => Kind switch
    {
        CellKind.Empty => null,
        CellKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        CellKind.Text => Text,
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        CellKind.Date => Date.TimeOfDay == TimeSpan.Zero
            ? Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        CellKind.Error => Text,
        CellKind.FormulaWithoutValue => null,
        _ => null,
    };
}
