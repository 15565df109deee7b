using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Reports;

/// <summary>The identification fields read from the "Report" sheet; null where missing or invalid.</summary>
public sealed record ReportFields(ReportKind? Kind, string? Licence, string? Bin, string? Company, Month? Period, string? TemplateVersion)
{
    /// <summary>Where the licence and period values are (e.g. "B2"), so later checks can point at them.</summary>
    public string? LicenceCell { get; init; }
    public string? PeriodCell { get; init; }
}

/// <summary>
/// Reads the "Report" sheet: labels in column A, values in column B, in any row order.
/// </summary>
internal static class ReportSheetReader
{
    private const int LabelColumn = 1;
    private const int ValueColumn = 2;
    private const int MaxLicenceLength = 40;

    private static readonly Dictionary<string, string> LabelsByName = new(StringComparer.Ordinal)
    {
        [HeaderName.Normalize(Labels.ReportType)] = Labels.ReportType,
        [HeaderName.Normalize(Labels.Licence)] = Labels.Licence,
        ["license"] = Labels.Licence,
        ["licence number"] = Labels.Licence,
        ["license number"] = Labels.Licence,
        [HeaderName.Normalize(Labels.Bin)] = Labels.Bin,
        [HeaderName.Normalize(Labels.Company)] = Labels.Company,
        [HeaderName.Normalize(Labels.Period)] = Labels.Period,
        [HeaderName.Normalize(Labels.TemplateVersion)] = Labels.TemplateVersion,
    };

    public static ReportFields Read(XlsxPackage package, IssueCollector issues, int maxRows)
    {
        var sheet = package.FindSheet(ReportSheet);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheet, ReportSheet, null, null,
                $"The workbook has no '{ReportSheet}' sheet with the licence, BIN, company, period and report type. Sheets found: {SheetList(package)}.");
            return new ReportFields(null, null, null, null, null, null);
        }

        var cells = new CellParser(sheet.Name, issues);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        ReportKind? kind = null;
        string? licence = null, bin = null, company = null, version = null, licenceCell = null, periodCell = null;
        Month? period = null;

        foreach (var row in package.ReadRows(sheet))
        {
            if (row.Number > maxRows) break;
            var labelCell = row[LabelColumn];
            if (labelCell.Kind != CellKind.Text || !LabelsByName.TryGetValue(HeaderName.Normalize(labelCell.Text), out var label)) continue;
            if (seen.TryGetValue(label, out var firstRow))
            {
                cells.Error(IssueCodes.DuplicateRow, row, LabelColumn, labelCell.Text,
                    $"'{label}' is given twice (rows {firstRow} and {row.Number}). Keep one of them.");
                continue;
            }

            seen[label] = row.Number;
            switch (label)
            {
                case Labels.ReportType:
                    var type = cells.Text(row, ValueColumn, label, required: true);
                    if (type is null) break;
                    if (ReportKinds.TryParse(type, out var parsedKind)) kind = parsedKind;
                    else cells.Error(IssueCodes.UnknownReportType, row, ValueColumn, type, $"Report type must be 'consumption' or 'sales', not '{type}'.");
                    break;
                case Labels.Licence:
                    licenceCell = CellReference.Address(ValueColumn, row.Number);
                    licence = ReadLicence(cells, row);
                    break;
                case Labels.Bin:
                    bin = ReadBin(cells, row);
                    break;
                case Labels.Company:
                    company = cells.Text(row, ValueColumn, label, required: true);
                    break;
                case Labels.Period:
                    periodCell = CellReference.Address(ValueColumn, row.Number);
                    period = ReadPeriod(cells, row);
                    break;
                case Labels.TemplateVersion:
                    version = cells.Text(row, ValueColumn, label, required: false);
                    if (version is not null && !KnownTemplateVersions.Contains(version))
                    {
                        cells.Warning(IssueCodes.TemplateVersion, row, ValueColumn, version,
                            $"Template version '{version}' is not one this service knows (current: {ReportContract.TemplateVersion}). The file was read with the current rules; download the current template.");
                    }

                    break;
            }
        }

        foreach (var label in new[] { Labels.ReportType, Labels.Licence, Labels.Bin, Labels.Company, Labels.Period })
        {
            if (!seen.ContainsKey(label))
            {
                issues.Error(IssueCodes.MissingField, sheet.Name, null, null,
                    $"The '{ReportSheet}' sheet has no '{label}' row. Put the label '{label}' in column A and its value in column B.");
            }
        }

        if (!seen.ContainsKey(Labels.TemplateVersion))
        {
            issues.Warning(IssueCodes.MissingField, sheet.Name, null, null,
                $"The '{ReportSheet}' sheet has no '{Labels.TemplateVersion}' row; the file was read as template version {ReportContract.TemplateVersion}.");
        }

        return new ReportFields(kind, licence, bin, company, period, version) { LicenceCell = licenceCell, PeriodCell = periodCell };
    }

    private static string? ReadLicence(CellParser cells, SheetRow row)
    {
        var licence = cells.Text(row, ValueColumn, Labels.Licence, required: true);
        if (licence is null) return null;
        if (licence.Length > MaxLicenceLength || !licence.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            cells.Error(IssueCodes.ConstraintError, row, ValueColumn, licence,
                $"The licence number '{licence}' is not valid: use the number exactly as on the licence (letters, digits, '-', '_' or '.', at most {MaxLicenceLength} characters).");
            return null;
        }

        return licence;
    }

    private static string? ReadBin(CellParser cells, SheetRow row)
    {
        var cell = row[ValueColumn];
        string? bin;
        if (cell.Kind == CellKind.Number)
        {
            // Typed as a number, a BIN loses its leading zeros; restore them.
            bin = cell.Number >= 0 && cell.Number < 1e12 && cell.Number == Math.Floor(cell.Number)
                ? ((long)cell.Number).ToString("D12", System.Globalization.CultureInfo.InvariantCulture)
                : cell.Display;
        }
        else
        {
            bin = cells.Text(row, ValueColumn, Labels.Bin, required: true)?.Replace(" ", "", StringComparison.Ordinal);
            if (bin is null) return null;
        }

        if (!Bin.IsValid(bin))
        {
            cells.Error(IssueCodes.InvalidBin, row, ValueColumn, cell.Display ?? bin,
                $"'{cell.Display ?? bin}' is not a valid BIN: a BIN has 12 digits and its last digit must match the check digit. Copy it from the registration certificate.");
            return null;
        }

        return bin;
    }

    private static Month? ReadPeriod(CellParser cells, SheetRow row)
    {
        var cell = row[ValueColumn];
        switch (cell.Kind)
        {
            case CellKind.Date when Month.TryOf(DateOnly.FromDateTime(cell.Date), out var month):
                return month;
            case CellKind.Text when Month.TryParse(cell.Text, out var month):
                return month;
            // A date typed as text (2025-03-14 or 14.03.2025, e.g. in the template's text-formatted cell) means its month.
            case CellKind.Text when CellParser.TryParseTextDate(cell.Text, out var date) && Month.TryOf(date, out var month):
                return month;
            case CellKind.Empty:
            case CellKind.FormulaWithoutValue:
            case CellKind.Error:
                cells.Text(row, ValueColumn, Labels.Period, required: true);
                return null;
            default:
                if (cell.IsEmpty)
                {
                    cells.Text(row, ValueColumn, Labels.Period, required: true);
                    return null;
                }

                cells.Error(IssueCodes.InvalidPeriod, row, ValueColumn, cell.Display,
                    $"Period must be the report's month as YYYY-MM (e.g. 2025-03) or a date in that month, not '{cell.Display}'.");
                return null;
        }
    }

    public static string SheetList(XlsxPackage package) =>
        package.Sheets.Count == 0 ? "none" : string.Join(", ", package.Sheets.Select(s => $"'{s.Name}'"));
}
