using ClosedXML.Excel;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;
using static Reporting.Excel.Tests.ConsolidatedReportFixture;

namespace Reporting.Excel.Tests;

/// <summary>
/// The About sheet tells the committee how complete the work behind the figures is: each month's reconciliation
/// coverage by source, and the units of work that failed for good; the input uploads follow, their header repeated when printed.
/// </summary>
public sealed class AboutSheetTests
{
    private static readonly Month March = new(2025, 3);

    private static ProcessingState Processing() => new(
        [
            new SourceCoverage(March, FindingSource.Exchange, SourceState.Available, null),
            new SourceCoverage(March, FindingSource.Pools, SourceState.Partial,
                new TextKey("reconcile.detail.not-checked", "count", "total", "licences", "error").With(("count", 2), ("total", 5), ("licences", MessageValue.Texts(["KZ-DM-0002", "KZ-DM-0003"])), ("error", "HTTP 503"))),
        ],
        [new FailedWork(new TextKey("work.unit", "kind", "target").With(("kind", MessageValue.Term("work-queue.sweep")), ("target", "KZ-DM-0007")), new TextKey("work.failed", "error").With(("error", "boom")))]);

    [Fact]
    public void Coverage_and_failed_units_come_between_the_facts_and_the_inputs_whose_header_is_repeated_in_print()
    {
        using var workbook = new XLWorkbook(new MemoryStream(QuarterlyReportWriter.ToWorkbook(Report() with { Processing = Processing() }, Language.En)));
        var about = workbook.Worksheet("About");

        // 20 facts and a blank row; then the coverage (title, header, 2 rows, blank), the failed units (title, header, 1 row, blank).
        Assert.Equal("Reconciliation of the quarter's months: how far each source got in its latest run", about.Cell(22, 1).GetString());
        Assert.Equal(["Month", "Source", "Latest run", "Why not complete"], Row(about, 23, 4));
        Assert.Equal(["2025-03", "AIFC exchange", "complete", ""], Row(about, 24, 4));
        Assert.Equal(["2025-03", "mining pools", "partial", "2 licences of 5 could not be checked (KZ-DM-0002, KZ-DM-0003); last error: HTTP 503. The next run checks them again."], Row(about, 25, 4));
        Assert.Equal("Units of work that failed for good (waiting for an operator: 'reporting status')", about.Cell(27, 1).GetString());
        Assert.Equal(["sweep KZ-DM-0007", "boom"], Row(about, 29, 2));
        Assert.Equal("Input uploads (audit trail)", about.Cell(31, 1).GetString());
        Assert.Equal("Licence", about.Cell(32, 1).GetString());
        Assert.Equal((32, 32), (about.PageSetup.FirstRowToRepeatAtTop, about.PageSetup.LastRowToRepeatAtTop));
    }

    [Fact]
    public void In_russian_the_states_and_reasons_are_russian()
    {
        using var workbook = new XLWorkbook(new MemoryStream(QuarterlyReportWriter.ToWorkbook(Report() with { Processing = Processing() }, Language.Ru)));
        var about = workbook.Worksheet("Об отчете");

        Assert.Equal(["2025-03", "майнинговые пулы", "частично"], Row(about, 25, 3));
        Assert.StartsWith("Не удалось проверить лицензий: 2 из 5", about.Cell(25, 4).GetString(), StringComparison.Ordinal);
    }

    private static string[] Row(IXLWorksheet sheet, int row, int columns) =>
        Enumerable.Range(1, columns).Select(c => sheet.Cell(row, c).GetString()).ToArray();
}
