using Reporting.Domain.Text;
using Reporting.Domain;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;
using Reporting.Excel.Consolidation;

namespace Reporting.Excel.Tests;

/// <summary>
/// The consolidated workbook against a committed golden file of the cells that matter, read back under a
/// culture with a decimal comma; and the guarantees that text never becomes a formula.
/// </summary>
public sealed class ConsolidatedWorkbookTests
{
    private const string GoldenFile = "consolidated-2025-Q1.golden.json";
    private static readonly Quarter Q = new(2025, 1);

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

        Assert.Equal(["Summary", "Violations", "Reconciliation", "Missing", "Late", "About"], workbook.Worksheets.Select(w => w.Name));
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

    /// <summary>A small, fixed quarter: three licences, a late report, a missing one, two violations.</summary>
    private static QuarterlyReport Report(string? company = null, string? subject = null)
    {
        var deadline = ReportDeadline.Default;
        Licence[] licences =
        [
            new("KZ-DM-0001", "080240012341", company ?? "Ekibastuz Hash LLP", LicenceSubtype.I, Zone.North, new DateOnly(2023, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active),
            new("KZ-DM-0002", "191240022314", "Turkestan Compute LLP", LicenceSubtype.II, Zone.South, new DateOnly(2023, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active),
            new("KZ-DM-0003", "050540004455", "Aktobe Data Center LLP", LicenceSubtype.II, Zone.West, new DateOnly(2025, 2, 1), new DateOnly(2028, 1, 1), LicenceStatus.Active),
        ];
        AssessmentSummary Assessment(string licence, decimal grid, decimal renewable, decimal? fee, FeeStatus status, bool lateMarch, bool skipMarchSales) => new(
            licence, Q, RuleSet.Default.Version, "registry-0123456789ab", 6, "t", new DateTimeOffset(2025, 4, 15, 5, 0, 0, TimeSpan.Zero),
            new Dictionary<EnergySource, decimal> { [EnergySource.Grid] = grid, [EnergySource.Import] = 0, [EnergySource.Renewable] = renewable, [EnergySource.OwnGeneration] = 0, [EnergySource.OffGrid] = 0 },
            24.5m, status, fee, [new FeeLine(FeeTexts.GroundSource.With(("source", Terms.Term(EnergySource.Grid))), 2m, grid, 2m * grid)], new DateOnly(2025, 5, 15), new DateOnly(2025, 5, 25),
            QuotaStatus.Compliant, grid * 1.05m, 0.80m, SaleStatus.Compliant, 0.8123m, Q.Months, Q.Months, 0, 0,
            Q.Months.SelectMany(m => new[] { ReportKind.Consumption, ReportKind.Sales }.Select(k => (m, k)))
                .Where(x => !(skipMarchSales && x.m == Q.LastMonth && x.k == ReportKind.Sales))
                .Select(x => new AssessmentInputRef(x.m, x.k, $"{licence}-{x.m}-{x.k}", $"{licence}/{x.m}-{x.k.Code()}.xlsx", new string('a', 64),
                    lateMarch && x.m == Q.LastMonth ? deadline.DueAt(x.m).AddDays(4) : deadline.DueAt(x.m).AddDays(-3))).ToArray());
        AssessmentSummary[] assessments =
        [
            Assessment("KZ-DM-0001", 1000m, 0m, 2000.00m, FeeStatus.Assessed, false, false),
            Assessment("KZ-DM-0002", 1_250_000.125m, 40_000.5m, 2_540_000.75m, FeeStatus.Assessed, true, true),
        ];
        Violation[] violations =
        [
            new(ViolationCodes.QuotaExceeded.With(("month", MessageValue.Month(new Month(2025, 3))), ("grid_kwh", MessageValue.Kwh(450_000m)), ("quota_kwh", MessageValue.Kwh(400_000m)),
                    ("excess_kwh", MessageValue.Kwh(50_000m))), Severity.Error, "KZ-DM-0002", "2025-03", null,
                [new Figure("grid_kwh", 450_000m, "kWh"), new Figure("quota_kwh", 400_000m, "kWh"), new Figure("excess_kwh", 50_000m, "kWh")], "quota.applies@2023-07-01", "KZ-DM-0002/2025-03-consumption.xlsx"),
            new(ViolationCodes.SaleExchangeNotAifc.With(("quantity", MessageValue.Quantity(0.12345678m)), ("month", MessageValue.Month(new Month(2025, 2))), ("exchange", subject ?? "Binance.com")),
                Severity.Warning, "KZ-DM-0001", "2025-02", subject ?? "Binance.com",
                [new Figure("quantity", 0.12345678m, "units")], "sale.share_min@2025-01-01", "KZ-DM-0001/2025-02-sales.xlsx"),
        ];
        Finding[] findings =
        [
            new(FindingCodes.ConsumptionMismatch.With(("licence", "KZ-DM-0002"), ("reported", MessageValue.Kwh(410_000m)), ("month", MessageValue.Month(new Month(2025, 2))),
                    ("purchased", MessageValue.Kwh(400_000m)), ("difference", MessageValue.Kwh(10_000m))), "KZ-DM-0002", new Month(2025, 2), FindingKind.Consumption, null,
                [new Figure("reported_kwh", 410_000m, "kWh"), new Figure("purchased_kwh", 400_000m, "kWh"), new Figure("difference_kwh", 10_000m, "kWh")], FindingSource.MarketOperator),
            new(FindingCodes.ReportMissing.With(("kind", Terms.Term(ReportKind.Sales)), ("licence", "KZ-DM-0003"), ("month", MessageValue.Month(new Month(2025, 2))),
                ("due", MessageValue.Instant(deadline.DueAt(new Month(2025, 2))))), "KZ-DM-0003", new Month(2025, 2), FindingKind.Sales, null, [], FindingSource.Reports),
        ];
        return QuarterlyReportBuilder.Build(Q, licences, "registry-0123456789ab", assessments, violations, findings, RuleSet.Default, deadline, new DateTimeOffset(2025, 4, 20, 3, 0, 0, TimeSpan.Zero));
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
