using System.Text.Json;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;
using Reporting.TestSupport;
using static Reporting.Excel.Tests.ConsolidatedReportFixture;

namespace Reporting.Excel.Tests;

/// <summary>
/// The Summary sheet's totals row as a second reader sees it: exceljs (tests/interop/read-workbook.mjs), not the
/// library that wrote it nor the golden file. Each total must be the sum of the licence rows above it, as read,
/// and the headline totals must be the fixture's figures worked out by hand.
/// </summary>
public sealed class SummaryTotalsExcelJsTests
{
    // kWh by source and quota (F-L), fee (O), report counts, late reports, violations, warnings, findings (T-Y).
    private static readonly string[] SummedColumns = ["F", "G", "H", "I", "J", "K", "L", "O", "T", "U", "V", "W", "X", "Y"];

    [Fact]
    public async Task Each_total_is_the_sum_of_the_licence_rows_and_the_hand_worked_figures()
    {
        using var folder = new TempDirectory();
        var path = folder.File("consolidated-2025-Q1.xlsx");
        await File.WriteAllBytesAsync(path, QuarterlyReportWriter.ToWorkbook(Report(), Language.En));

        using var read = await NodeTool.RunJsonAsync("read-workbook.mjs", path);

        var cells = read.RootElement.GetProperty("sheets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Summary").GetProperty("cells");
        var totalRow = RowOf(cells, "Total");
        Assert.Equal(5, totalRow); // a header and three licences above it
        foreach (var column in SummedColumns)
        {
            var sum = Enumerable.Range(2, totalRow - 2).Sum(row => NumberOrZero(cells, column + row));
            Assert.Equal((column, sum), (column, NumberOrZero(cells, column + totalRow)));
        }

        Assert.Equal(1_291_000.625m, NumberOrZero(cells, $"F{totalRow}"));
        Assert.Equal(2_542_000.75m, NumberOrZero(cells, $"O{totalRow}"));
        Assert.Equal((6m, 5m, 1m, 1m, 1m, 2m), (NumberOrZero(cells, $"T{totalRow}"), NumberOrZero(cells, $"U{totalRow}"), NumberOrZero(cells, $"V{totalRow}"),
            NumberOrZero(cells, $"W{totalRow}"), NumberOrZero(cells, $"X{totalRow}"), NumberOrZero(cells, $"Y{totalRow}")));
    }

    private static int RowOf(JsonElement cells, string label) =>
        int.Parse(cells.EnumerateObject().Single(c => c.Name[0] == 'A' && c.Value.GetProperty("value").ValueKind == JsonValueKind.String
            && c.Value.GetProperty("value").GetString() == label).Name[1..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A number cell's value as decimal (exact for these figures), or 0 for an empty cell (no quota, no share).</summary>
    private static decimal NumberOrZero(JsonElement cells, string address)
    {
        if (!cells.TryGetProperty(address, out var cell)) return 0m;
        Assert.Equal((address, "number"), (address, cell.GetProperty("type").GetString()));
        return cell.GetProperty("value").GetDecimal();
    }
}
