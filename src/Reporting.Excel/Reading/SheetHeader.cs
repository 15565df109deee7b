using Reporting.Domain.Validation;

namespace Reporting.Excel.Reading;

/// <summary>A column a sheet is expected to have. <c>Aliases</c> are other spellings people use.</summary>
public sealed record ColumnSpec(string Name, bool Required, params string[] Aliases);

/// <summary>
/// The header row of a table sheet: which column holds which field. Columns may come in any order;
/// unknown ones are reported as warnings and ignored; a missing required one is an error.
/// </summary>
public sealed class SheetHeader
{
    private readonly Dictionary<string, int> _columns;

    private SheetHeader(Dictionary<string, int> columns, IReadOnlyList<string> found)
    {
        _columns = columns;
        Found = found;
    }

    /// <summary>The header texts as found in row 1, for messages.</summary>
    public IReadOnlyList<string> Found { get; }

    /// <summary>The 1-based column of a field, or 0 when the sheet does not have it.</summary>
    public int this[string name] => _columns.GetValueOrDefault(name);

    public bool Has(string name) => _columns.ContainsKey(name);

    public static SheetHeader Read(SheetRow? headerRow, string sheet, IReadOnlyList<ColumnSpec> specs, IssueCollector issues)
    {
        var byName = new Dictionary<string, ColumnSpec>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            byName[HeaderName.Normalize(spec.Name)] = spec;
            foreach (var alias in spec.Aliases) byName[HeaderName.Normalize(alias)] = spec;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
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
                if (!byName.TryGetValue(HeaderName.Normalize(text), out var spec))
                {
                    issues.Warning(IssueCodes.UnknownColumn, sheet, address, text,
                        $"The column '{text.Trim()}' is not part of the report and was ignored.");
                    continue;
                }

                if (columns.TryGetValue(spec.Name, out var first))
                {
                    issues.Error(IssueCodes.DuplicateColumn, sheet, address, text,
                        $"The column '{spec.Name}' appears twice (also in {CellReference.Address(first, headerRow.Number)}). Keep one of them.");
                    continue;
                }

                columns[spec.Name] = column;
            }
        }

        var header = new SheetHeader(columns, found);
        foreach (var spec in specs.Where(s => s.Required && !columns.ContainsKey(s.Name)))
        {
            issues.Error(IssueCodes.MissingColumn, sheet, null, null, MissingColumnMessage(spec.Name, found));
        }

        return header;
    }

    public static string MissingColumnMessage(string name, IReadOnlyList<string> found) =>
        found.Count == 0
            ? $"Row 1 of the sheet must hold the column headers, but it is empty; the column '{name}' is missing."
            : $"Row 1 has no '{name}' column. Columns found: {string.Join(", ", found.Select(f => $"'{f}'"))}.";
}
