using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
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
    public string? SheetName { get; init; }
}

/// <summary>
/// Reads the "Report" sheet: labels in column A (in any of our languages), values in column B, in any row order.
/// </summary>
internal static class ReportSheetReader
{
    private const int LabelColumn = 1;
    private const int ValueColumn = 2;

    private static readonly Heading[] AllLabels = [Labels.ReportType, Labels.Licence, Labels.Bin, Labels.Company, Labels.Period, Labels.TemplateVersion];

    public static ReportFields Read(XlsxPackage package, IssueCollector issues, int maxRows)
    {
        var sheet = package.FindSheet(ReportSheet);
        if (sheet is null)
        {
            issues.Error(IssueCodes.MissingSheetReport.With(("sheet", ReportSheet.Term), ("sheets", SheetList(package))));
            return new ReportFields(null, null, null, null, null, null);
        }

        var cells = new CellParser(sheet.Name, issues);
        var seen = new Dictionary<Heading, int>();
        ReportKind? kind = null;
        string? licence = null, bin = null, company = null, version = null, licenceCell = null, periodCell = null;
        Month? period = null;

        foreach (var row in package.ReadRows(sheet))
        {
            if (row.Number > maxRows) break;
            var labelCell = row[LabelColumn];
            if (labelCell.Kind != CellKind.Text) continue;
            var label = AllLabels.FirstOrDefault(l => l.Matches(labelCell.Text));
            if (label is null) continue;
            if (seen.TryGetValue(label, out var firstRow))
            {
                cells.Error(IssueCodes.DuplicateRowLabel.With(("label", label.Term), ("row", row.Number), ("first_row", firstRow)), row, LabelColumn, labelCell.Text);
                continue;
            }

            seen[label] = row.Number;
            if (label == Labels.ReportType)
            {
                var type = cells.Text(row, ValueColumn, label, required: true);
                if (type is null) continue;
                if (ReportKinds.TryParse(type, out var parsedKind)) kind = parsedKind;
                else cells.Error(IssueCodes.UnknownReportType.With(("text", type), ("types", MessageValue.List(Enum.GetValues<ReportKind>().Select(Terms.Term)))), row, ValueColumn, type);
            }
            else if (label == Labels.Licence)
            {
                licenceCell = CellReference.Address(ValueColumn, row.Number);
                licence = ReadLicence(cells, row);
            }
            else if (label == Labels.Bin)
            {
                bin = ReadBin(cells, row);
            }
            else if (label == Labels.Company)
            {
                company = cells.Text(row, ValueColumn, label, required: true);
            }
            else if (label == Labels.Period)
            {
                periodCell = CellReference.Address(ValueColumn, row.Number);
                period = ReadPeriod(cells, row);
            }
            else if (label == Labels.TemplateVersion)
            {
                version = cells.Text(row, ValueColumn, label, required: false);
                if (version is not null && !KnownTemplateVersions.Contains(version))
                    cells.Warning(IssueCodes.TemplateVersion.With(("version", version), ("current", ReportContract.TemplateVersion)), row, ValueColumn, version);
            }
        }

        foreach (var label in AllLabels.Where(l => l != Labels.TemplateVersion && !seen.ContainsKey(l)))
            issues.Error(IssueCodes.MissingField.With(("sheet", ReportSheet.Term), ("label", label.Term)), sheet.Name);

        if (!seen.ContainsKey(Labels.TemplateVersion))
        {
            issues.Warning(IssueCodes.MissingFieldTemplateVersion.With(("sheet", ReportSheet.Term), ("label", Labels.TemplateVersion.Term), ("version", ReportContract.TemplateVersion)),
                sheet.Name);
        }

        return new ReportFields(kind, licence, bin, company, period, version) { LicenceCell = licenceCell, PeriodCell = periodCell, SheetName = sheet.Name };
    }

    private static string? ReadLicence(CellParser cells, SheetRow row)
    {
        var licence = cells.Text(row, ValueColumn, Labels.Licence, required: true);
        if (licence is null) return null;
        if (!licence.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            cells.Error(IssueCodes.ConstraintLicenceNumber.With(("text", licence), ("max", Labels.Licence.MaxLength)), row, ValueColumn, licence);
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
            cells.Error(IssueCodes.InvalidBin.With(("text", cell.Display ?? bin)), row, ValueColumn, cell.Display ?? bin);
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
                if (cell.IsEmpty || cell.Kind == CellKind.Text && cell.Text!.Length > CellParser.ExcelMaxCellLength)
                {
                    cells.Text(row, ValueColumn, Labels.Period, required: true);
                    return null;
                }

                cells.Error(IssueCodes.InvalidPeriod.With(("text", cell.Display)), row, ValueColumn, cell.Display);
                return null;
        }
    }

    /// <summary>The sheets of the workbook as a message value (their names as the file has them).</summary>
    public static MessageValue SheetList(XlsxPackage package) => MessageValue.Texts(package.Sheets.Select(s => s.Name));
}
