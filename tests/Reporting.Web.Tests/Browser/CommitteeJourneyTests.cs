using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Text;
using Reporting.Storage.Reports;
using Reporting.TestSupport;
using Reporting.Web.Tests.Portal;
using static Microsoft.Playwright.Assertions;

namespace Reporting.Web.Tests.Browser;

/// <summary>
/// A committee member in a real browser (Debian's Chromium): the quarters with their trend chart, a quarter's dashboard with
/// its charts drawn by Chart.js from the same figures as its tables, the drill-down to a licence's assessment, and the
/// download of an earlier version as stored. No console error (a script or style the CSP refused would log one).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class CommitteeJourneyTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly string[] DashboardCharts = ["chart-comparison", "chart-by-source", "chart-by-zone", "chart-by-month"];

    /// <summary>The Chart.js instance on a canvas: its first series, and how many of its pixels are painted (0 for a blank canvas).</summary>
    private const string ChartState = """
        id => {
          const canvas = document.getElementById(id);
          const chart = Chart.getChart(canvas);
          const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
          return JSON.stringify({ drawn: chart !== undefined, data: chart ? chart.data.datasets.map(d => d.data.map(v => v === null ? null : String(v))) : [], painted });
        }
        """;

    private sealed record ChartStateResult(bool Drawn, string?[][] Data, int Painted);

    /// <remarks>
    /// Waits for committee.js to mark the canvas drawn first: the heading can be on screen while the parser still waits
    /// for the chart script (on a loaded machine), and a canvas read then would find no chart yet.
    /// </remarks>
    private static async Task<ChartStateResult> ChartAsync(IPage page, string id)
    {
        await Expect(page.Locator($"#{id}")).ToHaveAttributeAsync("data-chart-drawn", new System.Text.RegularExpressions.Regex("^[1-9]"), new() { Timeout = 20_000 });
        return System.Text.Json.JsonSerializer.Deserialize<ChartStateResult>(await page.EvaluateAsync<string>(ChartState, id), System.Text.Json.JsonSerializerOptions.Web)!;
    }

    [Fact]
    public async Task The_committee_goes_from_the_quarters_to_the_dashboard_drills_down_and_downloads_a_version()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        var (_, second) = await CommitteeSeed.PublishTwoVersionsAsync(portal);
        var earlier = (await portal.Pipeline.Get<Reporting.Application.Reports.QuarterlyReportService>().BuildAsync(CommitteeSeed.Quarter.Previous, CancellationToken.None)).Report;
        var overview = QuarterOverview.Of(second.Report);
        var ru = TextFormat.For(Language.Ru);
        var page = await browser.NewPageAsync(portal.Server.BaseUrl);
        var errors = new List<string>();
        // The browser's own favicon request (the portal has none) is the one 404 expected.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) errors.Add($"{message.Text} ({message.Location})");
        };

        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Войти как {PortalHarness.CommitteeUser}" }).ClickAsync();
        await page.Locator("#committee-link").ClickAsync();

        // The quarters, and the trend drawn from the figures in the table.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Сводные квартальные отчеты");
        await Expect(page.Locator($"tr[data-quarter='{CommitteeSeed.Quarter}'] td[data-figure='fee']")).ToHaveTextAsync(ru.Money(overview.Headline.FeeDueKzt));
        var trend = await ChartAsync(page, "chart-trend");
        Assert.True(trend.Drawn);
        Assert.True(trend.Painted > 1000, $"The trend chart painted {trend.Painted} pixels.");
        Assert.Equal<string?>([Invariant(earlier.Totals.FeeKzt), Invariant(overview.Headline.FeeDueKzt)], trend.Data[0].AsEnumerable());
        Assert.Equal<string?>([Invariant(earlier.Totals.KwhTotal), Invariant(overview.Headline.KwhTotal)], trend.Data[1].AsEnumerable());
        await BrowserFixture.ScreenshotAsync(page, "committee-quarters");

        // The dashboard: every chart drawn, each from the figures of its table.
        await page.GetByRole(AriaRole.Link, new() { Name = ru.Quarter(CommitteeSeed.Quarter), Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Сводный отчет: {ru.Quarter(CommitteeSeed.Quarter)}");
        await Expect(page.Locator("#headline tr[data-figure='fee'] td")).ToHaveTextAsync(ru.Money(overview.Headline.FeeDueKzt));
        foreach (var id in DashboardCharts)
        {
            var state = await ChartAsync(page, id);
            Assert.True(state.Drawn, $"{id} has no chart.");
            Assert.True(state.Painted > 1000, $"{id} painted {state.Painted} pixels.");
        }

        var bySource = await ChartAsync(page, "chart-by-source");
        Assert.Equal<string?>(overview.KwhBySource.Select(s => Invariant(s.Kwh)), bySource.Data[0]);
        var byMonth = await ChartAsync(page, "chart-by-month");
        Assert.Equal<string?>(overview.Months.Select(m => Invariant(m.Missing)), byMonth.Data[2]);
        await BrowserFixture.ScreenshotAsync(page, "committee-dashboard");

        // Drill-down: the largest fee's licence, its assessment of the quarter.
        var top = overview.TopMiners[0];
        await page.Locator($"#top-miners tr[data-licence='{top.Licence}'] a").ClickAsync();
        await Expect(page.Locator("#fee-amount")).ToHaveTextAsync($"К уплате: {ru.Money(top.FeeKzt)} ₸");
        await page.GoBackAsync();

        // Version 1, as stored.
        var first = (await portal.Pipeline.Get<ReportStore>().ListVersionsAsync(CommitteeSeed.Quarter, CancellationToken.None))[0];
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("tr[data-version='1'] .downloads a").First.ClickAsync());
        Assert.Equal($"consolidated-{CommitteeSeed.Quarter}-v1.xlsx", download.SuggestedFilename);
        using var files = new TempDirectory();
        var saved = files.File("v1.xlsx");
        await download.SaveAsAsync(saved);
        Assert.Equal(first.WorkbookSha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved))));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>How a figure reaches the chart: the page's JSON number, as JavaScript prints it.</summary>
    private static string Invariant(decimal value) => ((double)value).ToString("R", CultureInfo.InvariantCulture);
}
