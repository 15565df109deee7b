using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>
/// The portal's HTTP functions end to end through the built worker: the principal header as App Service Authentication
/// sends it, the host's proxying to the worker's ASP.NET Core pipeline, the same handlers `reporting serve` maps.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed partial class PortalFunctionTests(WorkerFixture fixture)
{
    private const string Site = "https://portal.example.kz";

    private Task<HttpResponseMessage> GetAsync(string function, string path, string? user = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Site + path);
        if (user is not null) request.Headers.Add("X-MS-CLIENT-PRINCIPAL", PortalUsers.Principal(user));
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return fixture.Worker.SendHttpAsync(function, request);
    }

    /// <summary>The page's text with character references decoded (the encoder writes a no-break space as &amp;#xA0;).</summary>
    private static string Html(HttpResponseMessage response) => WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());

    [Fact]
    public async Task Without_a_signed_in_principal_every_page_answers_401_and_shows_nothing_of_a_licence()
    {
        using var home = await GetAsync("PortalHome", "/");
        using var licence = await GetAsync("PortalLicence", $"/licences/{PortalUsers.Licence}");
        using var forged = await GetAsync("PortalLicence", $"/licences/{PortalUsers.Licence}", cookie: "portal-dev-user=" + "bWluZXI.AAAA");

        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        Assert.Contains("href=\"/.auth/login/aad?post_login_redirect_uri=/\"", Html(home), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, licence.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode); // the development sign-in does not exist here
        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            string.Join(",", licence.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_principal_the_registry_does_not_know_sees_the_no_access_page()
    {
        using var response = await GetAsync("PortalHome", "/", PortalUsers.Stranger);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(PortalUsers.Stranger, Html(response), StringComparison.Ordinal);
        Assert.DoesNotContain("/licences/", Html(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_easy_auth_miner_reaches_their_licence_and_another_licence_is_404()
    {
        using var home = await GetAsync("PortalHome", "/", PortalUsers.Miner);
        using var own = await GetAsync("PortalLicence", $"/licences/{PortalUsers.Licence}", PortalUsers.Miner);
        using var other = await GetAsync("PortalLicence", $"/licences/{PortalUsers.OtherLicence}", PortalUsers.Miner);
        using var otherAssessment = await GetAsync("PortalAssessment", $"/licences/{PortalUsers.OtherLicence}/quarters/2025-Q1", PortalUsers.Miner);
        using var devSignIn = await GetAsync("PortalSignIn", "/signin", PortalUsers.Miner);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal([PortalUsers.Licence], LicenceLinks().Matches(Html(home)).Select(m => m.Groups[1].Value).Distinct());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains($"<h1>Лицензия {PortalUsers.Licence}</h1>", Html(own), StringComparison.Ordinal);
        Assert.Contains($"Вы вошли как {PortalUsers.Miner} (майнер)", Html(own), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAssessment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, devSignIn.StatusCode);
    }

    [Fact]
    public async Task The_template_and_the_assets_are_served_through_their_functions()
    {
        using var template = await GetAsync("PortalTemplate", $"/licences/{PortalUsers.Licence}/templates/sales?lang=kk", PortalUsers.Miner);
        using var css = await GetAsync("PortalAsset", "/assets/portal.css");
        using var js = await GetAsync("PortalAsset", "/assets/portal.js");

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal($"{PortalUsers.Licence}-sales-kk.xlsx", template.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await template.Content.ReadAsByteArrayAsync())[..2]));
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_upload_stores_one_blob_under_the_licence_answers_with_its_check_and_processing_shows_on_its_pages()
    {
        var licence = PortalUsers.Licence;
        using var page = await GetAsync("PortalLicence", $"/licences/{licence}", PortalUsers.Miner);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = Token().Match(Html(page)).Groups[1].Value;
        var before = (await UploadsAsync()).Select(b => b.Name).ToHashSet();
        var valid = MonthReportWriter.ToBytes(PortalUsers.Consumption());
        // Another miner's licence in the Report sheet: refused for the licence it is uploaded under (licence-path-mismatch, Report!B2).
        var wrong = MonthReportWriter.ToBytes(PortalUsers.Consumption() with
        {
            Header = PortalUsers.Consumption().Header with { Licence = PortalUsers.OtherLicence },
        });

        using var rejected = await UploadAsync(licence, wrong, cookie, token);

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var stored = Assert.Single(await UploadsAsync(), b => !before.Contains(b.Name));
        Assert.StartsWith(licence.ToUpperInvariant() + "/", stored.Name, StringComparison.Ordinal);
        Assert.Contains("data-code=\"licence-path-mismatch\" data-cell=\"B2\"", Html(rejected), StringComparison.Ordinal);
        var uploadId = UploadIdentity.Id(stored.Name, stored.Properties.ETag!.Value.ToString());
        using (var status = await GetAsync("PortalSubmissionStatus", $"/licences/{licence}/uploads/{uploadId}/status", PortalUsers.Miner))
            Assert.Equal("""{"processed":false}""", await status.Content.ReadAsStringAsync());

        // Event Grid's trigger, through the worker.
        Assert.True((await fixture.Worker.InvokeBlobAsync("ProcessUpload", stored.Name)).Succeeded);
        using (var status = await GetAsync("PortalSubmissionStatus", $"/licences/{licence}/uploads/{uploadId}/status", PortalUsers.Miner))
            Assert.Equal("""{"processed":true}""", await status.Content.ReadAsStringAsync());
        using var submission = await GetAsync("PortalSubmission", $"/licences/{licence}/uploads/{uploadId}?lang=en", PortalUsers.Miner);
        Assert.Contains("<p class=\"outcome rejected\" id=\"outcome-status\"><strong>rejected</strong>", Html(submission), StringComparison.Ordinal);
        using var feedback = await GetAsync("PortalFeedback", $"/licences/{licence}/uploads/{uploadId}/feedback", PortalUsers.Miner);
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await feedback.Content.ReadAsByteArrayAsync())[..2]));

        // The corrected file counts, and the quarter is assessed.
        using var accepted = await UploadAsync(licence, valid, cookie, token);
        Assert.Contains("Ошибок в файле не найдено.", Html(accepted), StringComparison.Ordinal);
        var second = Assert.Single(await UploadsAsync(), b => !before.Contains(b.Name) && b.Name != stored.Name);
        Assert.True((await fixture.Worker.InvokeBlobAsync("ProcessUpload", second.Name)).Succeeded);
        using var assessment = await GetAsync("PortalAssessment", $"/licences/{licence}/quarters/2025-Q1", PortalUsers.Miner);
        Assert.Matches("id=\"fee-amount\">К уплате: [0-9\u00A0]+,[0-9]{2} ₸<", Html(assessment));
        Assert.Equal(2, (await UploadsAsync()).Count(b => !before.Contains(b.Name)));
    }

    [Fact]
    public async Task The_committee_reads_a_licence_but_its_upload_and_the_development_sign_in_are_refused()
    {
        using var page = await GetAsync("PortalLicence", $"/licences/{PortalUsers.Licence}", PortalUsers.Committee);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        // The committee's page has no form; a script of its own would echo the cookie's token (double submit).
        var token = cookie.Split('=', 2)[1];
        var before = await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients);

        using var upload = await UploadAsync(PortalUsers.Licence, MonthReportWriter.ToBytes(PortalUsers.Consumption()), cookie, token, PortalUsers.Committee);
        using var signIn = await SendFormAsync("PortalSignInSubmit", "/signin", cookie, $"csrf={token}&user={Uri.EscapeDataString(PortalUsers.Miner)}");
        using var signOut = await SendFormAsync("PortalSignOut", "/signout", cookie, $"csrf={token}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("multipart/form-data", Html(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signOut.StatusCode);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients));
    }

    private Task<HttpResponseMessage> UploadAsync(string licence, byte[] content, string cookie, string token, string user = PortalUsers.Miner)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "csrf" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "report.xlsx");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Site}/licences/{licence}/uploads") { Content = form };
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", PortalUsers.Principal(user));
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", Site);
        return fixture.Worker.SendHttpAsync("PortalUpload", request);
    }

    private Task<HttpResponseMessage> SendFormAsync(string function, string path, string cookie, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Site + path) { Content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded") };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", Site);
        return fixture.Worker.SendHttpAsync(function, request);
    }

    private async Task<IReadOnlyList<BlobItem>> UploadsAsync()
    {
        var list = new List<BlobItem>();
        await foreach (var blob in fixture.Pipeline.Clients.Uploads.GetBlobsAsync()) list.Add(blob);
        return list;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"/licences/([^/\"?]+)\"")]
    private static partial Regex LicenceLinks();
}
