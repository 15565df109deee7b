using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reporting.Application.Reports;
using Reporting.Domain;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Reports;
using Reporting.TestSupport;

namespace Reporting.Web.Tests.Portal;

/// <summary>
/// The committee's pages over HTTP against PortalServer and Azurite, on two versions published by the report service:
/// the page's figures are the stored report's (read back from storage) and, independently, the sums over the stored
/// assessments; the pages only read; a miner gets 404; every word follows the language.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class CommitteeHttpTests(AzuriteFixture azurite)
{
    private static readonly string Quarter = CommitteeSeed.Quarter.ToString();

    private static string Html(HttpResponseMessage response) => WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());

    /// <summary>The value cell of a headline row (data-figure="...") of the dashboard.</summary>
    private static string Headline(string html, string figure) =>
        Regex.Match(html, $"<tr data-figure=\"{figure}\"><th scope=\"row\">[^<]*</th><td class=\"number\">([^<]*)</td>") is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"No headline figure '{figure}' on the page.");

    /// <summary>The chart a canvas carries in its data-chart attribute (read from the page as sent, then decoded once).</summary>
    private static JsonElement Chart(HttpResponseMessage response, string id)
    {
        var raw = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var attribute = Regex.Match(raw, $"id=\"{id}\"[^>]*data-chart=\"([^\"]*)\"").Groups[1].Value;
        return JsonDocument.Parse(WebUtility.HtmlDecode(attribute)).RootElement;
    }

    private static string Cells(string html, string rowAttribute) =>
        Regex.Match(html, $"<tr {rowAttribute}>(.*?)</tr>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No row {rowAttribute}.");

    [Fact]
    public async Task The_dashboard_shows_the_stored_reports_figures_which_equal_the_sums_over_the_assessments()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        var (_, second) = await CommitteeSeed.PublishTwoVersionsAsync(portal);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.CommitteeUser);

        using var response = await client.GetAsync($"/committee/quarters/{Quarter}?lang=en");
        var html = Html(response);

        // The report as stored: the latest version's snapshot, read back, is the report that was built and published.
        var store = portal.Pipeline.Get<ReportStore>();
        var latest = (await store.ListVersionsAsync(CommitteeSeed.Quarter, CancellationToken.None))[^1];
        var snapshotBytes = (await store.DownloadAsync(latest.SnapshotBlob, CancellationToken.None)).ToArray();
        var stored = ReportSnapshotJson.Deserialize(snapshotBytes);
        Assert.Equal((2, second.Report.Fingerprint), (latest.Number, stored.Fingerprint));
        Assert.Equal(ReportSnapshotJson.Serialize(second.Report), ReportSnapshotJson.Serialize(stored));
        Assert.Equal(snapshotBytes, ReportSnapshotJson.Serialize(stored));
        // Independently: the stored assessments, summed here.
        var assessments = new List<AssessmentSummary>();
        await foreach (var a in portal.Pipeline.Get<AssessmentStore>().ListAsync(CommitteeSeed.Quarter)) assessments.Add(a);
        Assert.True(assessments.Count >= 2);
        var en = TextFormat.For(Language.En);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>Consolidated report: {en.Quarter(CommitteeSeed.Quarter)}</h1>", html, StringComparison.Ordinal);
        Assert.Equal(en.Money(stored.Totals.FeeKzt), Headline(html, "fee"));
        Assert.Equal(en.Money(assessments.Sum(a => a.FeeKzt ?? 0)), Headline(html, "fee"));
        Assert.Equal(en.Kwh(stored.Totals.KwhTotal), Headline(html, "kwh"));
        Assert.Equal(en.Kwh(assessments.Sum(a => a.KwhTotal)), Headline(html, "kwh"));
        Assert.Equal(en.Integer(stored.Missing.Count), Headline(html, "missing"));
        Assert.Equal(en.Integer(stored.Late.Count), Headline(html, "late"));
        Assert.Equal(en.Integer(assessments.SelectMany(a => a.Inputs).Count(i => Domain.Periods.ReportDeadline.Default.IsLate(i.Period, i.ReceivedAt))), Headline(html, "late"));
        Assert.Equal(en.Integer(stored.Totals.Violations), Headline(html, "violations"));
        Assert.Equal(en.Integer(assessments.Count(a => a.ConsumptionMonths.Count + a.SalesMonths.Count > 0)), Headline(html, "reported"));
        foreach (var source in EnergySources.All)
            Assert.Contains($"<td class=\"number\">{en.Kwh(assessments.Sum(a => a.KwhBySource.GetValueOrDefault(source)))}</td>", Cells(html, $"data-source=\"{source.Code()}\""), StringComparison.Ordinal);
        // Nothing on the page is a payment: the fee is the fee due, and the page says so.
        Assert.Contains("Payments are not in this data", html, StringComparison.Ordinal);
        Assert.DoesNotContain("collected:", html, StringComparison.OrdinalIgnoreCase);
        // The chart behind the comparison table draws the same fee.
        var chart = Chart(response, "chart-comparison");
        Assert.Equal(stored.Totals.FeeKzt, chart.GetProperty("series")[0].GetProperty("data").EnumerateArray().Last().GetDecimal());
        // Drill-down: the largest fee links to that licence's assessment of the quarter, which the committee may open.
        var top = QuarterOverview.Of(stored).TopMiners[0];
        Assert.Contains($"<a href=\"/licences/{top.Licence}/quarters/{Quarter}\">{top.Licence}</a>", Cells(html, $"data-licence=\"{top.Licence}\""), StringComparison.Ordinal);
        // The same figures in Kazakh and Russian: 1 234 567,89 with no-break spaces, the quarter as the language writes it.
        foreach (var language in new[] { Language.Kk, Language.Ru })
        {
            var format = TextFormat.For(language);
            var page = Html(await client.GetAsync($"/committee/quarters/{Quarter}?lang={language.Code()}"));
            Assert.Contains($"<html lang=\"{language.Code()}\">", page, StringComparison.Ordinal);
            Assert.Contains($"{format.Quarter(CommitteeSeed.Quarter)}</h1>", page, StringComparison.Ordinal);
            Assert.Equal(format.Money(stored.Totals.FeeKzt), Headline(page, "fee"));
            Assert.Equal(format.Kwh(stored.Totals.KwhTotal), Headline(page, "kwh"));
        }

        using var assessment = await client.GetAsync($"/licences/{top.Licence}/quarters/{Quarter}?lang=en");
        Assert.Equal(HttpStatusCode.OK, assessment.StatusCode);
        Assert.Contains($"id=\"fee-amount\">Fee due: {en.Money(top.FeeKzt)} ₸<", Html(assessment), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_version_downloads_as_stored_and_the_second_says_what_changed_from_the_first()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        var (first, second) = await CommitteeSeed.PublishTwoVersionsAsync(portal);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.CommitteeUser);
        var store = portal.Pipeline.Get<ReportStore>();
        var versions = await store.ListVersionsAsync(CommitteeSeed.Quarter, CancellationToken.None);

        var html = Html(await client.GetAsync($"/committee/quarters/{Quarter}?lang=en"));

        Assert.Equal([1, 2], versions.Select(v => v.Number));
        foreach (var version in versions)
        {
            using var xlsx = await client.GetAsync($"/committee/quarters/{Quarter}/versions/{version.Number}/xlsx");
            using var csv = await client.GetAsync($"/committee/quarters/{Quarter}/versions/{version.Number}/csv");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal(version.WorkbookSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await xlsx.Content.ReadAsByteArrayAsync())));
            Assert.Equal($"consolidated-{Quarter}-v{version.Number}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(version.CsvSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await csv.Content.ReadAsByteArrayAsync())));
            Assert.Contains($"href=\"/committee/quarters/{Quarter}/versions/{version.Number}/csv\"", html, StringComparison.Ordinal);
        }

        using var noSuchVersion = await client.GetAsync($"/committee/quarters/{Quarter}/versions/3/xlsx");
        using var noSuchFormat = await client.GetAsync($"/committee/quarters/{Quarter}/versions/1/json");
        Assert.Equal(HttpStatusCode.NotFound, noSuchVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSuchFormat.StatusCode);

        // Version 2's changes are ReportChanges.Between(version 1, version 2), shown with the reader's numbers.
        var expected = ReportChanges.Between(first.Report, second.Report);
        var en = TextFormat.For(Language.En);
        // The newest version comes first; its row (with the tables of its changes) ends where version 1's begins.
        var start = html.IndexOf("<tr data-version=\"2\">", StringComparison.Ordinal);
        var row = html[start..html.IndexOf("<tr data-version=\"1\">", start, StringComparison.Ordinal)];
        Assert.Contains("First version", Cells(html, "data-version=\"1\""), StringComparison.Ordinal);
        Assert.NotEmpty(expected.LicenceChanges);
        foreach (var change in expected.LicenceChanges)
            Assert.Contains($"<tr data-licence=\"{change.Licence}\" data-change=\"{change.Kind.ToString().ToLowerInvariant()}\">", row, StringComparison.Ordinal);
        if (expected.FeeKzt.Absolute != 0)
            Assert.Contains($"<td class=\"number\">{en.Money(expected.FeeKzt.Compared)}</td><td class=\"number\">{en.Money(expected.FeeKzt.Current)}</td>", row, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"number\">{en.Kwh(expected.KwhTotal.Compared)}</td><td class=\"number\">{en.Kwh(expected.KwhTotal.Current)}</td>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quarters_list_shows_each_quarters_latest_headline_and_the_trend_in_the_readers_language()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        var (_, second) = await CommitteeSeed.PublishTwoVersionsAsync(portal);
        // An earlier quarter with nobody reporting: listed first, its fee a real zero (the registry's licences all missing).
        var earlier = await portal.Pipeline.Get<QuarterlyReportService>().BuildAsync(CommitteeSeed.Quarter.Previous, CancellationToken.None);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.CommitteeUser);
        var overview = QuarterOverview.Of(second.Report);

        var home = Html(await client.GetAsync("/?lang=kk"));
        var kk = Html(await client.GetAsync("/committee?lang=kk"));
        var ru = Html(await client.GetAsync("/committee?lang=ru"));
        var en = Html(await client.GetAsync("/committee?lang=en"));

        Assert.Contains("id=\"committee-link\" href=\"/committee\"", home, StringComparison.Ordinal);
        Assert.Contains("<h1>Жиынтық тоқсандық есептер</h1>", kk, StringComparison.Ordinal);
        Assert.Contains("<h1>Сводные квартальные отчеты</h1>", ru, StringComparison.Ordinal);
        Assert.Contains("<h1>Consolidated quarterly reports</h1>", en, StringComparison.Ordinal);
        Assert.Contains($">{TextFormat.For(Language.Kk).Quarter(CommitteeSeed.Quarter)}</a>", kk, StringComparison.Ordinal);
        foreach (var (html, language) in new[] { (kk, Language.Kk), (ru, Language.Ru), (en, Language.En) })
        {
            var format = TextFormat.For(language);
            var row = Cells(html, $"data-quarter=\"{Quarter}\"");
            Assert.Contains($"data-figure=\"fee\">{format.Money(overview.Headline.FeeDueKzt)}<", row, StringComparison.Ordinal);
            Assert.Contains($"data-figure=\"kwh\">{format.Kwh(overview.Headline.KwhTotal)}<", row, StringComparison.Ordinal);
            Assert.Contains($"data-figure=\"reported\">{format.Integer(overview.Headline.LicencesReported)}<", row, StringComparison.Ordinal);
            Assert.Contains($"data-figure=\"missing\">{format.Integer(overview.Headline.MissingReports)}<", row, StringComparison.Ordinal);
            Assert.Contains("data-figure=\"version\">2<", row, StringComparison.Ordinal);
        }

        // kk/ru write 1 234 567,89 with no-break spaces; the figure is big enough to have a group separator.
        Assert.Contains('\u00A0', TextFormat.For(Language.Ru).Kwh(overview.Headline.KwhTotal));
        using var enPage = await client.GetAsync("/committee?lang=en");
        var trend = Chart(enPage, "chart-trend");
        var english = TextFormat.For(Language.En);
        Assert.Equal([english.Quarter(CommitteeSeed.Quarter.Previous), english.Quarter(CommitteeSeed.Quarter)], trend.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([earlier.Report.Totals.FeeKzt, overview.Headline.FeeDueKzt], trend.GetProperty("series")[0].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal([earlier.Report.Totals.KwhTotal, overview.Headline.KwhTotal], trend.GetProperty("series")[1].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.True(en.IndexOf($"data-quarter=\"{CommitteeSeed.Quarter.Previous}\"", StringComparison.Ordinal) < en.IndexOf($"data-quarter=\"{Quarter}\"", StringComparison.Ordinal));
        Assert.Contains("data-figure=\"missing\">" + english.Integer(earlier.Report.Missing.Count) + "<", Cells(en, $"data-quarter=\"{CommitteeSeed.Quarter.Previous}\""), StringComparison.Ordinal);
        Assert.Contains("src=\"/assets/chart.umd.js\"", en, StringComparison.Ordinal);
        using var chartJs = await client.GetAsync("/assets/chart.umd.js");
        Assert.Equal(HttpStatusCode.OK, chartJs.StatusCode);
        Assert.StartsWith("/*!\n * Chart.js v4.6.1", await chartJs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_miner_gets_404_on_every_committee_page_and_the_committee_changes_nothing()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        await CommitteeSeed.PublishTwoVersionsAsync(portal);
        using var miner = portal.Client();
        await miner.SignInAsync(PortalHarness.MinerUser);
        using var committee = portal.Client();
        await committee.SignInAsync(PortalHarness.CommitteeUser);
        string[] pages = ["/committee", $"/committee/quarters/{Quarter}", $"/committee/quarters/{Quarter}/versions/1/xlsx", "/committee/quarters/2030-Q1"];

        foreach (var path in pages.Take(3))
        {
            using var response = await miner.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("data-figure", Html(response), StringComparison.Ordinal);
            Assert.DoesNotContain("<h1>Сводн", Html(response), StringComparison.Ordinal);
        }

        var before = await StorageSnapshot.TakeAsync(portal.Pipeline.Clients);
        var dashboard = Html(await committee.GetAsync(pages[1]));
        using var unpublished = await committee.GetAsync(pages[3]);
        using var post = await committee.PostFormAsync(pages[1], new Dictionary<string, string> { ["csrf"] = PortalClient.Token(dashboard) });
        using var upload = await committee.UploadAsync(portal.Licence, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()), "a.xlsx", PortalClient.Token(dashboard));

        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        Assert.DoesNotContain("method=\"post\" action=\"/committee", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("multipart/form-data", dashboard, StringComparison.Ordinal);
        Assert.False(post.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(portal.Pipeline.Clients));
    }
}
