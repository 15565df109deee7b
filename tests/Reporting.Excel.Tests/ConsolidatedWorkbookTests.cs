using Reporting.Domain.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Reporting.Excel.Consolidation;
using static Reporting.Excel.Tests.ConsolidatedReportFixture;

namespace Reporting.Excel.Tests;

/// <summary>
/// The consolidated workbook against a committed golden file of the cells that matter, read back under a
/// culture with a decimal comma; and the guarantees that text never becomes a formula.
/// </summary>
public sealed class ConsolidatedWorkbookTests
{
    private const string GoldenFile = "consolidated-2025-Q1.golden.json";

    [Fact]
    public void The_workbook_matches_the_golden_file()
    {
        // Written and read back under a culture with a decimal comma: neither may depend on it.
        var cells = WithCulture("de-DE", () => Extract(QuarterlyReportWriter.ToWorkbook(Report(), Language.En)));

        var path = Path.Combine(Golden, GoldenFile);
        var actual = JsonSerializer.Serialize(cells, new JsonSerializerOptions { WriteIndented = true }) + "\n";
        // The test run never writes the golden file: regenerating it is an explicit act (scripts/update-golden.sh), reviewed in the diff.
        if (Environment.GetEnvironmentVariable("REPORTING_UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"Golden file {path} is missing: run scripts/update-golden.sh, review the file and commit it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Sheets_have_frozen_headers_filters_and_explicit_widths_and_numbers_are_numbers()
    {
        using var workbook = new XLWorkbook(new MemoryStream(QuarterlyReportWriter.ToWorkbook(Report(), Language.En)));

        Assert.Equal(["Overview", "Summary", "Violations", "Reconciliation", "Missing", "Late", "About"], workbook.Worksheets.Select(w => w.Name));
        foreach (var name in new[] { "Summary", "Violations", "Reconciliation", "Missing", "Late" })
        {
            var sheet = workbook.Worksheet(name);
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, name);
            // Every used column has the width the writer set (ClosedXML's default is 8.43).
            Assert.All(sheet.ColumnsUsed(), c => Assert.NotEqual(workbook.ColumnWidth, c.Width));
        }

        Assert.InRange(workbook.Worksheet("Violations").Column("G").Width, 99, 101); // Message: 100 (ClosedXML subtracts the cell padding)
        var summary = workbook.Worksheet("Summary");
        // The filter covers the header and the licences, not the totals row below them.
        Assert.Equal("Total", summary.LastRowUsed().Cell(1).GetString());
        Assert.Equal(summary.LastRowUsed().RowNumber() - 1, summary.AutoFilter.Range.LastRow().RowNumber());
        Assert.Equal(QuarterlyReportWriter.SummaryHeaders(Language.En), summary.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(XLDataType.Number, summary.Cell("O2").DataType);
        Assert.Equal(XLDataType.Number, summary.Cell("F2").DataType);
        Assert.DoesNotContain(summary.CellsUsed(), c => c.HasFormula);
    }

    [Fact]
    public void The_workbook_is_valid_against_the_Office_Open_XML_schema()
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(QuarterlyReportWriter.ToWorkbook(Report(company: "=A1 & <b> _x0041_ \u0001"), Language.En)), false);

        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text_in_the_workbook_and_the_csv()
    {
        const string hostile = "=HYPERLINK(\"http://evil\",\"x\")";
        var report = Report(company: hostile, subject: "+cmd|' /C calc'!A0");

        using var workbook = new XLWorkbook(new MemoryStream(QuarterlyReportWriter.ToWorkbook(report, Language.En)));
        var company = workbook.Worksheet("Summary").Cell("C2");
        var subject = workbook.Worksheet("Violations").Cell("E2");
        var csv = Encoding.UTF8.GetString(QuarterlyReportWriter.ToCsv(report, Language.En)).TrimStart('\uFEFF');

        Assert.False(company.HasFormula);
        Assert.Equal(hostile, company.GetString());
        Assert.True(company.Style.IncludeQuotePrefix);
        Assert.False(subject.HasFormula);
        Assert.True(subject.Style.IncludeQuotePrefix);
        var line = csv.Split("\r\n")[1];
        Assert.StartsWith("KZ-DM-0001,080240012341,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",I,north,", line);
        Assert.DoesNotContain(",=", csv);
    }

    [Fact]
    public void The_csv_has_the_summary_rows_with_invariant_numbers_and_a_totals_row()
    {
        var csv = Encoding.UTF8.GetString(QuarterlyReportWriter.ToCsv(Report(), Language.En)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(string.Join(",", QuarterlyReportWriter.SummaryHeaders(Language.En)), csv[0]);
        Assert.Equal(1 + 3 + 1, csv.Length);
        Assert.Contains(",2000.00,assessed,", csv[1]);
        Assert.StartsWith("Total,,3 licences,,,", csv[^1]);
    }

    /// <summary>The cells that matter, as value, type and format, in a culture-independent form.</summary>
    private static SortedDictionary<string, string> Extract(byte[] bytes)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var cells = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Worksheets)
        {
            var range = sheet.Name == "About" ? sheet.Range("A1:B20") : sheet.RangeUsed();
            foreach (var cell in range!.CellsUsed())
            {
                var value = cell.DataType switch
                {
                    XLDataType.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                    XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    _ => cell.GetString(),
                };
                // The rules version and the fingerprint change with every edit of the rules file; they are checked elsewhere.
                if (sheet.Name == "About" && cell.Address.ToString() is "B4" or "B19") value = "(varies with the rules file)";
                cells[$"{sheet.Name}!{cell.Address}"] = $"{cell.DataType}|{cell.Style.NumberFormat.Format}|{value}";
            }
        }

        return cells;
    }

    private static string Golden => Path.Combine(TestSupport.RepositoryPaths.Root, "tests", "Reporting.Excel.Tests", "Golden");

    private static T WithCulture<T>(string culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
