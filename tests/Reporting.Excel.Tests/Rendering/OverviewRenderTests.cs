using System.Buffers.Binary;
using System.Text.RegularExpressions;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;
using Reporting.Excel.Consolidation;

namespace Reporting.Excel.Tests.Rendering;

/// <summary>
/// The consolidated workbook of a realistic quarter (the 48 sample licences) printed by LibreOffice Calc: every page
/// landscape A4, each sheet one page wide with its header row on every page and the footer numbering the pages, the
/// Overview on at most two pages. The Overview's first page is kept as a PNG in the test's output folder
/// (render/overview-page1.png), the picture docs/images/overview.png is taken from.
/// </summary>
public sealed partial class OverviewRenderTests
{
    private static readonly string[] SheetOrder = ["Overview", "Summary", "Violations", "Reconciliation", "Missing", "Late", "About"];

    [RenderFact]
    public async Task The_workbook_prints_one_landscape_page_wide_per_sheet_and_the_overview_on_at_most_two_pages()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "render");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var workbook = Path.Combine(folder, "consolidated-2025-Q1.xlsx");
        await File.WriteAllBytesAsync(workbook, QuarterlyReportWriter.ToWorkbook(SampleQuarterReport.Build(new Quarter(2025, 1)), Language.En));

        var pdf = await OfficeRenderer.ToPdfAsync(workbook);

        var sizes = await OfficeRenderer.PageSizesAsync(pdf);
        Assert.All(sizes, s => Assert.True(Math.Abs(s.Width - 841.9) < 1 && Math.Abs(s.Height - 595.3) < 1, $"page of {s.Width} x {s.Height} pt is not A4 landscape"));
        var pages = new List<string>();
        for (var page = 1; page <= sizes.Count; page++) pages.Add(await OfficeRenderer.PageTextAsync(pdf, page));

        // Each page's footer names its sheet and its number of the whole: sheets in order, none split across the width.
        var footers = pages.Select(p => PageFooter().Match(p)).ToArray();
        Assert.All(footers.Select((f, i) => (f, i)), x => Assert.True(x.f.Success && Number(x.f, "page") == x.i + 1 && Number(x.f, "pages") == sizes.Count,
            $"page {x.i + 1}'s footer: {x.f.Value}"));
        var sheets = footers.Select(f => f.Groups["sheet"].Value).ToArray();
        Assert.Equal(SheetOrder, sheets.Distinct());
        Assert.InRange(sheets.Count(s => s == "Overview"), 1, 2);
        Assert.InRange(sizes.Count, SheetOrder.Length, 14);
        Assert.All(pages, p => Assert.Contains("Q1 2025 · generated 2025-04-20 08:00 · fingerprint ", p, StringComparison.Ordinal));

        // The Overview's first page holds its whole width: the comparison from its first column to its last.
        Assert.Matches(@"Quarter\s+Fee due KZT\s+Fee change, KZT\s+Fee change, %\s+kWh total\s+kWh change\s+kWh change, %", pages[0]);
        Assert.Contains("Previous quarter: Q4 2024", pages[0], StringComparison.Ordinal);
        // Later pages of a sheet start with its repeated header row.
        Assert.StartsWith("Digital mining fee: consolidated report for Q1 2025", pages[1].TrimStart(), StringComparison.Ordinal);
        Assert.True(sheets.Count(s => s == "About") >= 2, "the sample's About sheet (280 input uploads) takes more than a page");
        Assert.StartsWith("Licence", pages[Array.LastIndexOf(sheets, "About")].TrimStart(), StringComparison.Ordinal);

        var png = await OfficeRenderer.PagePngAsync(pdf, 1, Path.Combine(folder, "overview-page1"));
        var (width, height) = PngSize(png);
        Assert.True(width > height && width >= 1200, $"overview-page1.png is {width} x {height}");
    }

    /// <summary>The footer's right part: "Sheet · Page 3 of 9".</summary>
    [GeneratedRegex(@"(?<sheet>\w+) · Page (?<page>\d+) of (?<pages>\d+)\s*$")]
    private static partial Regex PageFooter();

    private static int Number(Match footer, string group) => int.Parse(footer.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16-23, big-endian).</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var header = File.ReadAllBytes(path).AsSpan(0, 24);
        Assert.True(header[..8].SequenceEqual<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(header[16..20]), BinaryPrimitives.ReadInt32BigEndian(header[20..24]));
    }
}
