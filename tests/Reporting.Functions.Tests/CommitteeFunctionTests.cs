using System.Net;
using System.Security.Cryptography;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;

namespace Reporting.Functions.Tests;

/// <summary>
/// The committee's pages through the built worker with an Easy Auth principal: a report the report service published in
/// the worker's storage, listed, shown and downloaded by the committee; a miner gets 404 from each of the three functions.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class CommitteeFunctionTests(WorkerFixture fixture)
{
    private const string Site = "https://portal.example.kz";

    /// <summary>A quarter no other test of the collection reports on.</summary>
    private static readonly Quarter Quarter = new(2024, 4);

    private Task<HttpResponseMessage> GetAsync(string function, string path, string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Site + path);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", PortalUsers.Principal(user));
        return fixture.Worker.SendHttpAsync(function, request);
    }

    private static string Html(HttpResponseMessage response) => WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());

    [Fact]
    public async Task The_committee_lists_opens_and_downloads_a_published_report_and_a_miner_gets_404()
    {
        var published = await fixture.Pipeline.Get<QuarterlyReportService>().BuildAsync(Quarter, CancellationToken.None);
        var version = published.Version;
        var en = TextFormat.For(Language.En);
        string[] paths = ["/committee?lang=en", $"/committee/quarters/{Quarter}?lang=en", $"/committee/quarters/{Quarter}/versions/{version.Number}/csv"];
        string[] functions = ["PortalCommittee", "PortalCommitteeQuarter", "PortalCommitteeReportFile"];

        using var list = await GetAsync(functions[0], paths[0], PortalUsers.Committee);
        using var dashboard = await GetAsync(functions[1], paths[1], PortalUsers.Committee);
        using var csv = await GetAsync(functions[2], paths[2], PortalUsers.Committee);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"<tr data-quarter=\"{Quarter}\">", Html(list), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains($"<tr data-figure=\"fee\"><th scope=\"row\">Fee due (assessed), KZT</th><td class=\"number\">{en.Money(published.Report.Totals.FeeKzt)}</td>",
            Html(dashboard), StringComparison.Ordinal);
        Assert.Contains($"<tr data-figure=\"missing\"><th scope=\"row\">Reports not filed</th><td class=\"number\">{en.Integer(published.Report.Missing.Count)}</td>",
            Html(dashboard), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(version.CsvSha256, Convert.ToHexStringLower(SHA256.HashData(await csv.Content.ReadAsByteArrayAsync())));

        for (var i = 0; i < paths.Length; i++)
        {
            using var miner = await GetAsync(functions[i], paths[i], PortalUsers.Miner);
            Assert.Equal(HttpStatusCode.NotFound, miner.StatusCode);
        }

        using var chartJs = await GetAsync("PortalAsset", "/assets/chart.umd.js", PortalUsers.Committee);
        Assert.Equal("text/javascript", chartJs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Chart.js v4.6.1", await chartJs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
