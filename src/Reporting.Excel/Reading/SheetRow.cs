namespace Reporting.Excel.Reading;

/// <summary>
/// One worksheet row while it is being read. The reader reuses the same instance for every row,
/// so copy what you need before moving to the next one.
/// </summary>
public sealed class SheetRow
{
    public const int MaxColumn = 16_384;

    private CellValue[] _cells = new CellValue[16];
    // Whether a column is already in _columns: a row of thousands of cells is read in linear time.
    private bool[] _listed = new bool[16];
    private readonly List<int> _columns = [];

    /// <summary>The 1-based row number in the sheet.</summary>
    public int Number { get; internal set; }

    /// <summary>The columns that have a cell in this row, in file order.</summary>
    public IReadOnlyList<int> Columns => _columns;

    /// <summary>The cell in a 1-based column, or an empty cell.</summary>
    public CellValue this[int column] => column > 0 && column < _cells.Length ? _cells[column] : CellValue.Empty;

    /// <summary>True when no cell of the row holds anything but blanks.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var column in _columns)
            {
                if (!_cells[column].IsEmpty) return false;
            }

            return true;
        }
    }

    internal void Clear()
    {
        foreach (var column in _columns)
        {
            _cells[column] = default;
            _listed[column] = false;
        }

        _columns.Clear();
    }

    internal void Set(int column, CellValue value)
    {
        if (column is < 1 or > MaxColumn) return;
        if (column >= _cells.Length)
        {
            var size = Math.Min(MaxColumn + 1, Math.Max(column + 1, _cells.Length * 2));
            Array.Resize(ref _cells, size);
            Array.Resize(ref _listed, size);
        }

        if (!_listed[column])
        {
            _listed[column] = true;
            _columns.Add(column);
        }

        _cells[column] = value;
    }
}
