using System.Net;
using System.Text.RegularExpressions;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Web.Uploads;

namespace Reporting.Web.Tests.Portal;

/// <summary>The portal's pages over HTTP against PortalServer and Azurite: identity, authorisation, the upload and its checks.</summary>
[Collection(PortalCollection.Name)]
public sealed class PortalHttpTests(AzuriteFixture azurite)
{
    /// <summary>The page with character references decoded (the encoder writes a no-break space as &amp;#xA0;).</summary>
    private static string Html(HttpResponseMessage response) => WebUtility.HtmlDecode(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_pages_are_not_cached()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.MinerUser);

        foreach (var path in new[] { "/", "/signin", $"/licences/{portal.Licence}", "/licences/KZ-NOPE", "/assets/portal.css", "/no/such/page" })
        {
            using var response = await client.GetAsync(path);
            var headers = response.Headers;
            Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                string.Join(",", headers.GetValues("Content-Security-Policy")));
            Assert.Equal("nosniff", string.Join(",", headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", string.Join(",", headers.GetValues("Referrer-Policy")));
            var asset = path.StartsWith("/assets/", StringComparison.Ordinal);
            Assert.Equal(asset ? "public, max-age=3600" : "no-store", headers.CacheControl?.ToString());
        }

        // Assets are publicly cacheable: even to a new visitor they never set a cookie.
        using var visitor = portal.Client();
        using var script = await visitor.GetAsync("/assets/portal.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.False(script.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Without_sign_in_a_page_answers_401_with_the_sign_in_link_and_nothing_else()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();

        using var home = await client.GetAsync("/");
        using var licence = await client.GetAsync($"/licences/{portal.Licence}");

        Assert.Equal(HttpStatusCode.Unauthorized, home.StatusCode);
        Assert.Contains("href=\"/signin\"", Html(home), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, licence.StatusCode);
        var company = SampleFiles.SampleMiner().Miner.Licence.Company;
        Assert.DoesNotContain(company, Html(licence), StringComparison.Ordinal);
        Assert.DoesNotContain("<h1>Лицензия", Html(licence), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_miner_sees_their_licence_only_another_licence_answers_404_like_one_that_does_not_exist()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.MinerUser);

        var home = Html(await client.GetAsync("/"));
        using var own = await client.GetAsync($"/licences/{portal.Licence}");
        using var other = await client.GetAsync($"/licences/{portal.OtherLicence}");
        using var missing = await client.GetAsync("/licences/KZ-DM-9999");
        using var otherTemplate = await client.GetAsync($"/licences/{portal.OtherLicence}/templates/consumption");

        Assert.Contains($"href=\"/licences/{portal.Licence}\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain(portal.OtherLicence, home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("enctype=\"multipart/form-data\"", Html(own), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // Nothing tells an existing licence from a made-up one (the page differs only in its own address).
        Assert.Equal(Html(missing).Replace("KZ-DM-9999", "LICENCE", StringComparison.Ordinal), Html(other).Replace(portal.OtherLicence, "LICENCE", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, otherTemplate.StatusCode);
    }

    [Fact]
    public async Task An_upload_is_stored_once_under_the_licence_with_the_apps_name_and_answered_with_every_problem_cell()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        var token = await client.SignInAndOpenAsync(PortalHarness.MinerUser, $"/licences/{portal.Licence}");
        var broken = SampleFiles.Broken().All.Single(s => s.FileName == "several-problems.xlsx");

        using var response = await client.UploadAsync(portal.Licence, broken.Build(), "март отчет.xlsx", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Html(response);
        var blobs = new List<Azure.Storage.Blobs.Models.BlobItem>();
        await foreach (var item in portal.Pipeline.Clients.Uploads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None)) blobs.Add(item);
        var blob = Assert.Single(blobs);
        Assert.Matches($"^{Regex.Escape(portal.Licence.ToUpperInvariant())}/20250407T060000000Z-[0-9a-f]{{12}}\\.xlsx$", blob.Name);
        Assert.Equal(Uri.EscapeDataString("март отчет.xlsx"), blob.Metadata[PortalUploadStore.OriginalNameMetadata]);
        var uploadId = UploadIdentity.Id(blob.Name, blob.Properties.ETag!.Value.ToString());
        Assert.Contains($"data-self-url=\"/licences/{portal.Licence}/uploads/{uploadId}\"", html, StringComparison.Ordinal);
        // Every problem the sample is known to have, at its cell, with its code (the default language is Russian).
        foreach (var expected in broken.Expected)
            Assert.Contains($"data-code=\"{expected.Code}\" data-cell=\"{expected.Cell}\"", html, StringComparison.Ordinal);
        Assert.Contains("Найдены 4 ошибки", html.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("Файл: март отчет.xlsx", html, StringComparison.Ordinal);

        await portal.ProcessAsync(blob.Name);
        var row = Assert.Single(await portal.Pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(portal.Licence, CancellationToken.None));
        Assert.Equal(SubmissionStatus.Rejected, row.Status);
        Assert.Equal(broken.Expected.Count, row.ErrorCount);
        var page = Html(await client.GetAsync($"/licences/{portal.Licence}/uploads/{uploadId}"));
        Assert.Contains("class=\"outcome rejected\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/licences/{portal.Licence}/uploads/{uploadId}/feedback\"", page, StringComparison.Ordinal);
        using var feedback = await client.GetAsync($"/licences/{portal.Licence}/uploads/{uploadId}/feedback");
        Assert.Equal(HttpStatusCode.OK, feedback.StatusCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await feedback.Content.ReadAsByteArrayAsync())[..2]));
    }

    [Fact]
    public async Task A_processed_upload_shows_the_check_as_of_its_processing_even_after_time_has_moved_on()
    {
        // 7 April 2025: a May report is in the future, so processing rejects it. In June the same file would pass,
        // but its page must still say why it was rejected then, not contradict the recorded outcome.
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        var token = await client.SignInAndOpenAsync(PortalHarness.MinerUser, $"/licences/{portal.Licence}");
        var sample = SampleFiles.SampleConsumption();
        var may = sample with { Header = sample.Header with { Period = new Domain.Periods.Month(2025, 5) } };

        var answer = Html(await client.UploadAsync(portal.Licence, MonthReportWriter.ToBytes(may), "may.xlsx", token));
        Assert.Contains("data-code=\"period-in-future\"", answer, StringComparison.Ordinal);
        var blob = (await portal.Server.Services.GetRequiredService<PortalUploadStore>().ListAsync(portal.Licence, CancellationToken.None)).Single().Blob;
        var uploadId = UploadIdentity.Id(blob.Name, blob.ETag);
        // Processed on receipt, on 7 April; the clock moves only once that outcome is recorded.
        Assert.Equal(SubmissionStatus.Rejected, (await portal.WaitForOutcomeAsync(uploadId)).Status);
        Assert.Single(await portal.Pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(portal.Licence, CancellationToken.None));

        portal.Time.Advance(TimeSpan.FromDays(60));
        var page = Html(await client.GetAsync($"/licences/{portal.Licence}/uploads/{uploadId}"));

        Assert.Contains("class=\"outcome rejected\"", page, StringComparison.Ordinal);
        Assert.Contains("data-code=\"period-in-future\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_from_its_content_length_or_while_read_and_nothing_is_written()
    {
        await using var portal = await PortalHarness.StartAsync(azurite, new Dictionary<string, string?> { ["Workbook:MaxBytes"] = "100000" });
        using var client = portal.Client();
        var token = await client.SignInAndOpenAsync(PortalHarness.MinerUser, $"/licences/{portal.Licence}");
        var before = await StorageSnapshot.TakeAsync(portal.Pipeline.Clients);

        using var declared = await client.UploadAsync(portal.Licence, new byte[150_000], "big.xlsx", token);
        // Chunked: no Content-Length to refuse from, so the limit is enforced while the file is read.
        var form = new MultipartFormDataContent { { new StringContent(token), "csrf" }, { new StreamContent(new MemoryStream(new byte[150_000])), "file", "big.xlsx" } };
        using var chunkedRequest = new HttpRequestMessage(HttpMethod.Post, $"/licences/{portal.Licence}/uploads") { Content = form };
        chunkedRequest.Headers.TransferEncodingChunked = true;
        chunkedRequest.Headers.TryAddWithoutValidation("Origin", client.Origin);
        using var chunked = await client.Http.SendAsync(chunkedRequest);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Contains("0,1 МБ", Html(chunked).Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(portal.Pipeline.Clients));
    }

    [Fact]
    public async Task An_upload_without_the_form_token_or_from_another_origin_is_refused_and_nothing_is_written()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        var token = await client.SignInAndOpenAsync(PortalHarness.MinerUser, $"/licences/{portal.Licence}");
        var bytes = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());
        var before = await StorageSnapshot.TakeAsync(portal.Pipeline.Clients);

        using var wrongToken = await client.UploadAsync(portal.Licence, bytes, "a.xlsx", new string('A', 43));
        var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/licences/{portal.Licence}/uploads")
        {
            Content = new MultipartFormDataContent { { new StringContent(token), "csrf" }, { new ByteArrayContent(bytes), "file", "a.xlsx" } },
        };
        crossSite.Headers.TryAddWithoutValidation("Origin", "https://evil.example");
        crossSite.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        using var fromElsewhere = await client.Http.SendAsync(crossSite);

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(portal.Pipeline.Clients));
    }

    [Fact]
    public async Task The_committee_reads_every_licence_without_an_upload_form_and_its_upload_is_refused()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.CommitteeUser);
        var licencePage = Html(await client.GetAsync($"/licences/{portal.OtherLicence}"));
        var before = await StorageSnapshot.TakeAsync(portal.Pipeline.Clients);

        using var upload = await client.UploadAsync(portal.OtherLicence, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()), "a.xlsx", PortalClient.Token(licencePage));

        var home = Html(await client.GetAsync("/"));
        Assert.Equal(SampleFiles.SampleRegistry().Licences.Count, Regex.Matches(home, "href=\"/licences/").Count);
        Assert.DoesNotContain("multipart/form-data", licencePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(portal.Pipeline.Clients));
    }

    [Fact]
    public async Task The_development_sign_in_knows_only_registry_users_and_signing_out_ends_the_session()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        var token = PortalClient.Token(Html(await client.GetAsync("/signin")));

        using var stranger = await client.PostFormAsync("/signin", new Dictionary<string, string> { ["csrf"] = token, ["user"] = "stranger@example.kz" });
        using var afterStranger = await client.GetAsync("/");
        await client.SignInAsync(PortalHarness.MinerUser);
        using var signedIn = await client.GetAsync("/");
        using var signOut = await client.PostFormAsync("/signout", new Dictionary<string, string> { ["csrf"] = token });
        using var afterSignOut = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterStranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(PortalHarness.MinerUser, Html(signedIn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Theory]
    [InlineData(null, null, "ru", "Лицензии")]
    [InlineData("kk-KZ,ru;q=0.8", null, "kk", "Лицензиялар")]
    [InlineData("en-GB,en;q=0.9", null, "en", "Licences")]
    [InlineData("de-DE", null, "ru", "Лицензии")]
    [InlineData("en", "kk", "kk", "Лицензиялар")] // the remembered choice wins over the browser
    public async Task The_language_is_the_remembered_choice_else_accept_language_else_russian(string? acceptLanguage, string? cookie, string lang, string heading)
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var client = portal.Client();
        await client.SignInAsync(PortalHarness.MinerUser);
        if (cookie is not null) await client.GetAsync($"/?lang={cookie}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var html = Html(await client.Http.SendAsync(request));

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_shows_a_generic_page_with_the_reference_it_is_logged_under()
    {
        await using var portal = await PortalHarness.StartAsync(azurite, configure: services =>
            services.AddSingleton<IUploadReceipts>(new FailingReceipts()));
        using var client = portal.Client();
        var token = await client.SignInAndOpenAsync(PortalHarness.MinerUser, $"/licences/{portal.Licence}");

        using var response = await client.UploadAsync(portal.Licence, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()), "a.xlsx", token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = Html(response);
        var reference = Regex.Match(html, "номер: ([0-9a-f]{12})").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.DoesNotContain("FailingReceipts", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
        var logged = Assert.Single(portal.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains(reference, logged.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    private sealed class FailingReceipts : IUploadReceipts
    {
        public void Received(string blobName) => throw new InvalidOperationException("FailingReceipts: a bug in the code after storing");
    }
}
