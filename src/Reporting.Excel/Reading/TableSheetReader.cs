using System.Globalization;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>
/// Reads a table sheet: the header in row 1, then one record per row. Fully empty rows are skipped;
/// more than the allowed number of data rows stops the reading with <c>too-many-rows</c>.
/// </summary>
public static class TableSheetReader
{
    /// <summary>
    /// Calls <paramref name="onRow"/> for every data row (the row instance is reused; copy what you keep).
    /// Returns the header, or null when the sheet has no usable header (issues already recorded).
    /// </summary>
    public static SheetHeader? Read(XlsxPackage package, SheetInfo sheet, IReadOnlyList<ColumnSpec> specs, IssueCollector issues, int maxRows,
        Action<SheetHeader, SheetRow> onRow)
    {
        SheetHeader? header = null;
        var sawHeaderRow = false;
        var dataRows = 0;
        foreach (var row in package.ReadRows(sheet))
        {
            if (!sawHeaderRow)
            {
                sawHeaderRow = true;
                header = SheetHeader.Read(row.Number == 1 ? row : null, sheet.Name, specs, issues);
                if (specs.Any(s => s.Required && !header.Has(s.Name))) return null;
                if (row.Number == 1) continue;
            }

            if (row.IsEmpty) continue;
            dataRows++;
            if (dataRows > maxRows || row.Number > maxRows + 1)
            {
                var message = dataRows > maxRows
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"The sheet has more than {maxRows:N0} data rows (row {row.Number:N0} is beyond the limit). A monthly report should be far smaller; check for pasted data or split the file.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"The sheet has data in row {row.Number:N0}, beyond row {maxRows + 1:N0}, the last one accepted (at most {maxRows:N0} data rows under the header). Delete what is below the table, or split the file.");
                issues.Error(IssueCodes.TooManyRows, sheet.Name, CellReference.Address(1, row.Number), null, message);
                return header;
            }

            onRow(header!, row);
        }

        if (!sawHeaderRow)
        {
            header = SheetHeader.Read(null, sheet.Name, specs, issues);
            if (specs.Any(s => s.Required && !header.Has(s.Name))) return null;
        }

        return header;
    }
}
