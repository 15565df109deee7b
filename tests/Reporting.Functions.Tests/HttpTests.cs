using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Reporting.Functions.Tests;

/// <summary>The Health endpoint through the host's HTTP proxying to the worker's ASP.NET Core pipeline.</summary>
[Collection(WorkerCollection.Name)]
public sealed class HttpTests(WorkerFixture fixture)
{
    [Fact]
    public async Task Health_answers_200_with_status_and_the_apps_informational_version()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://reporting.example.kz/api/health");
        // What App Service's front end adds: these travel to the worker untouched and change nothing here.
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String("{\"auth_typ\":\"aad\"}"u8.ToArray()));
        request.Headers.Add("Cookie", "session=abc; theme=dark");

        using var response = await fixture.Worker.SendHttpAsync("Health", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        var expected = FileVersionInfo.GetVersionInfo(Path.Combine(FunctionsApp.Directory, "Reporting.Functions.dll")).ProductVersion;
        Assert.False(string.IsNullOrEmpty(expected));
        Assert.Equal(expected, body.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Health_answers_every_request_of_a_burst()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
            using var response = await fixture.Worker.SendHttpAsync("Health", request);
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
