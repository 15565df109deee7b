using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>A column a sheet is expected to have.</summary>
public sealed record ColumnSpec(Heading Heading, bool Required);

/// <summary>
/// The header row of a table sheet: which column holds which field. Columns may come in any order and be named
/// in any of our languages; unknown ones are reported as warnings and ignored; a missing required one is an error.
/// </summary>
public sealed class SheetHeader
{
    private readonly Dictionary<Heading, int> _columns;

    private SheetHeader(Dictionary<Heading, int> columns, IReadOnlyList<string> found)
    {
        _columns = columns;
        Found = found;
    }

    /// <summary>The header texts as found in row 1, for messages.</summary>
    public IReadOnlyList<string> Found { get; }

    /// <summary>The 1-based column of a field, or 0 when the sheet does not have it.</summary>
    public int this[Heading heading] => _columns.GetValueOrDefault(heading);

    public bool Has(Heading heading) => _columns.ContainsKey(heading);

    public static SheetHeader Read(SheetRow? headerRow, string sheet, IReadOnlyList<ColumnSpec> specs, IssueCollector issues)
    {
        var columns = new Dictionary<Heading, int>();
        var found = new List<string>();
        if (headerRow is not null)
        {
            foreach (var column in headerRow.Columns.Order())
            {
                var cell = headerRow[column];
                if (cell.IsEmpty) continue;
                var text = cell.Display ?? "";
                found.Add(text.Trim());
                var address = CellReference.Address(column, headerRow.Number);
                var spec = specs.FirstOrDefault(s => s.Heading.Matches(text));
                if (spec is null)
                {
                    issues.Warning(IssueCodes.UnknownColumn.With(("column", text.Trim())), sheet, address, text);
                    continue;
                }

                if (columns.TryGetValue(spec.Heading, out var first))
                {
                    issues.Error(IssueCodes.DuplicateColumn.With(("column", spec.Heading.Term), ("first_cell", CellReference.Address(first, headerRow.Number))), sheet, address, text);
                    continue;
                }

                columns[spec.Heading] = column;
            }
        }

        var header = new SheetHeader(columns, found);
        foreach (var spec in specs.Where(s => s.Required && !columns.ContainsKey(s.Heading)))
        {
            issues.Error(MissingColumn(spec.Heading, found), sheet);
        }

        return header;
    }

    public static Message MissingColumn(Heading heading, IReadOnlyList<string> found) =>
        found.Count == 0
            ? IssueCodes.MissingColumnEmptyHeader.With(("column", heading.Term))
            : IssueCodes.MissingColumn.With(("column", heading.Term), ("found", MessageValue.Texts(found)));
}
