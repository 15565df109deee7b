using System.Text.Json;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;
using Reporting.TestSupport;
using static Reporting.Excel.Tests.ConsolidatedReportFixture;

namespace Reporting.Excel.Tests;

/// <summary>
/// The consolidated workbook read by a second, independent reader: exceljs 4.4.0 (tests/interop/read-workbook.mjs,
/// installed by scripts/install-tools.sh). It must find the Overview first, its figures as numbers, and every sheet's
/// print set-up. Expected figures are the fixture's, worked out by hand.
/// </summary>
public sealed class OverviewExcelJsTests
{
    [Fact]
    public async Task Exceljs_reads_the_overview_first_with_its_headline_figures_and_totals_as_numbers()
    {
        using var folder = new TempDirectory();
        var path = folder.File("consolidated-2025-Q1.xlsx");
        await File.WriteAllBytesAsync(path, QuarterlyReportWriter.ToWorkbook(Report(), Language.En));

        using var read = await NodeTool.RunJsonAsync("read-workbook.mjs", path);

        var sheets = read.RootElement.GetProperty("sheets").EnumerateArray().ToArray();
        Assert.Equal(["Overview", "Summary", "Violations", "Reconciliation", "Missing", "Late", "About"], sheets.Select(s => s.GetProperty("name").GetString()));
        var cells = sheets[0].GetProperty("cells");
        Assert.Equal((2_542_000.75, "#,##0.00"), Number(cells, "Fee due KZT", 'B'));
        Assert.Equal((1_291_000.625, "#,##0.000"), Number(cells, "kWh total", 'B'));
        Assert.Equal((3, "#,##0"), Number(cells, "Licences active in the quarter", 'B'));
        Assert.Equal((5, "#,##0"), Number(cells, "Missing reports", 'B'));
        Assert.Equal((2_000_000.00, "#,##0.00"), Number(cells, "Previous quarter: Q4 2024", 'B'));
        Assert.Equal((542_000.75, "+#,##0.00;-#,##0.00;0.00"), Number(cells, "Previous quarter: Q4 2024", 'C'));
        Assert.Equal((2_540_000.75, "#,##0.00"), Number(cells, "South", 'D'));
        Assert.Equal((1_290_000.625, "#,##0.000"), Number(cells, "South", 'C'));
        Assert.Equal((2, "#,##0"), Number(cells, "II", 'B'));
        Assert.Equal((40_000.5, "#,##0.000"), Number(cells, "renewable", 'B'));
    }

    [Fact]
    public async Task Exceljs_reads_each_sheets_print_setup()
    {
        using var folder = new TempDirectory();
        var path = folder.File("consolidated-2025-Q1.xlsx");
        var report = Report();
        await File.WriteAllBytesAsync(path, QuarterlyReportWriter.ToWorkbook(report, Language.En));

        using var read = await NodeTool.RunJsonAsync("read-workbook.mjs", path);

        foreach (var sheet in read.RootElement.GetProperty("sheets").EnumerateArray())
        {
            var name = sheet.GetProperty("name").GetString();
            var print = sheet.GetProperty("print");
            Assert.Equal((name, "landscape", 9, true, 1, 0), (name, print.GetProperty("orientation").GetString(), print.GetProperty("paperSize").GetInt32(),
                print.GetProperty("fitToPage").GetBoolean(), print.GetProperty("fitToWidth").GetInt32(), print.GetProperty("fitToHeight").GetInt32()));
            Assert.Equal((name, name == "About" ? "23:23" : "1:1"), (name, print.GetProperty("printTitlesRow").GetString()));
            Assert.Equal($"&LQ1 2025 · generated 2025-04-20 08:00 · fingerprint {report.Fingerprint[..16]}&R&A · Page &P of &N", print.GetProperty("oddFooter").GetString());
        }
    }

    /// <summary>The number in <paramref name="column"/> of the row whose column A reads <paramref name="label"/>, with its format.</summary>
    private static (double Value, string? Format) Number(JsonElement cells, string label, char column)
    {
        var labelCell = cells.EnumerateObject().Single(c => c.Name[0] == 'A' && c.Value.GetProperty("value").ValueKind == JsonValueKind.String
            && c.Value.GetProperty("value").GetString() == label);
        var cell = cells.GetProperty(column + labelCell.Name[1..]);
        Assert.Equal("number", cell.GetProperty("type").GetString());
        return (cell.GetProperty("value").GetDouble(), cell.GetProperty("numFmt").GetString());
    }
}
