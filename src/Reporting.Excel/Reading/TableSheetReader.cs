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
                if (specs.Any(s => s.Required && !header.Has(s.Heading))) return null;
                if (row.Number == 1) continue;
            }

            if (row.IsEmpty) continue;
            dataRows++;
            if (dataRows > maxRows || row.Number > maxRows + 1)
            {
                var message = dataRows > maxRows
                    ? IssueCodes.TooManyRows.With(("max_rows", maxRows), ("row", row.Number))
                    : IssueCodes.TooManyRowsBelowLimit.With(("row", row.Number), ("last_row", maxRows + 1), ("max_rows", maxRows));
                issues.Error(message, sheet.Name, CellReference.Address(1, row.Number));
                return header;
            }

            onRow(header!, row);
        }

        if (!sawHeaderRow)
        {
            header = SheetHeader.Read(null, sheet.Name, specs, issues);
            if (specs.Any(s => s.Required && !header.Has(s.Heading))) return null;
        }

        return header;
    }
}
