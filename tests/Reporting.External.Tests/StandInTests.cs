using System.Net;
using System.Text.Json;
using Reporting.ExternalStandIn;

namespace Reporting.External.Tests;

/// <summary>The stand-in itself, spoken to with a plain HttpClient (no resilience).</summary>
public sealed class StandInTests : IAsyncLifetime
{
    private const string Key = "raw-key";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reporting-external-tests", Guid.NewGuid().ToString("N"));
    private ExternalStandInServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await ExternalStandInServer.StartAsync(new StandInOptions { DataFolder = _folder, ApiKey = Key });
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
        _http.DefaultRequestHeaders.Add(ExternalSourceNames.ApiKeyHeader, Key);
        StandInData.WritePurchases(_folder, "2025-03", Enumerable.Range(1, 5).Select(i => new LicencePurchase($"KZ-DM-{i:0000}", "North", i, i)));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void It_listens_on_loopback_on_a_free_port()
    {
        Assert.Equal("127.0.0.1", _server.BaseUrl.Host);
        Assert.NotEqual(0, _server.BaseUrl.Port);
        Assert.EndsWith("/", _server.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    [InlineData(Key, HttpStatusCode.OK)]
    public async Task It_requires_the_api_key(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/purchases?month=2025-03");
        using var bare = new HttpClient { BaseAddress = _server.BaseUrl };
        if (key is not null)
            request.Headers.Add(ExternalSourceNames.ApiKeyHeader, key);

        using var response = await bare.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("v1/purchases?month=2025-3", HttpStatusCode.BadRequest)]
    [InlineData("v1/purchases?month=2025-03&pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("v1/purchases?month=2025-03&pageSize=1001", HttpStatusCode.BadRequest)]
    [InlineData("v1/purchases?month=2025-03&pageToken=bm9wZQ", HttpStatusCode.BadRequest)]
    [InlineData("v1/trade-confirmations?month=2025-03", HttpStatusCode.BadRequest)]
    [InlineData("v1/distributions?licence=..&month=2025-03", HttpStatusCode.BadRequest)]
    [InlineData("v1/unknown?month=2025-03", HttpStatusCode.NotFound)]
    [InlineData("v1/distributions?licence=KZ-DM-0404&month=2025-03", HttpStatusCode.OK)]
    public async Task It_answers_the_documented_statuses(string uri, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync(uri);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        if (expected != HttpStatusCode.OK)
        {
            var error = JsonSerializer.Deserialize<ErrorBody>(await response.Content.ReadAsStringAsync(), ExternalJson.Options)!;
            Assert.False(string.IsNullOrEmpty(error.Message));
        }
    }

    [Fact]
    public async Task Post_is_405_when_healthy()
    {
        using var response = await _http.PostAsync("v1/purchases?month=2025-03", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Page_tokens_walk_the_data_and_only_work_for_their_own_query()
    {
        var page1 = await GetAsync<PurchasesPage>("v1/purchases?month=2025-03&pageSize=2");
        var page2 = await GetAsync<PurchasesPage>($"v1/purchases?month=2025-03&pageSize=2&pageToken={Uri.EscapeDataString(page1.NextPageToken!)}");
        var page3 = await GetAsync<PurchasesPage>($"v1/purchases?month=2025-03&pageSize=2&pageToken={Uri.EscapeDataString(page2.NextPageToken!)}");

        Assert.Equal(["KZ-DM-0001", "KZ-DM-0002", "KZ-DM-0003", "KZ-DM-0004", "KZ-DM-0005"],
            page1.Items.Concat(page2.Items).Concat(page3.Items).Select(p => p.Licence));
        Assert.Null(page3.NextPageToken);
        Assert.Equal("2025-03", page1.Month);

        using var otherMonth = await _http.GetAsync($"v1/purchases?month=2025-04&pageToken={Uri.EscapeDataString(page1.NextPageToken!)}");
        Assert.Equal(HttpStatusCode.BadRequest, otherMonth.StatusCode);
    }

    [Fact]
    public async Task Faults_change_at_run_time_and_requests_are_counted_and_logged()
    {
        _server.Faults.Set(StandInApi.Purchases, FaultPlan.ServerError(FaultPattern.EveryNth(2), 502));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _http.GetAsync("v1/purchases?month=2025-03");
            statuses.Add(response.StatusCode);
        }
        _server.Faults.Clear();
        using (var healthy = await _http.GetAsync("v1/purchases?month=2025-03"))
            statuses.Add(healthy.StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.OK], statuses);
        Assert.Equal(5, _server.Requests.Count(StandInApi.Purchases, "GET"));
        Assert.Equal(0, _server.Requests.Count(StandInApi.Distributions));
        var log = _server.Requests.Snapshot();
        Assert.Equal([FaultMode.None, FaultMode.ServerError, FaultMode.None, FaultMode.ServerError, FaultMode.None], log.Select(r => r.Fault));
        Assert.Equal([200, 502, 200, 502, 200], log.Select(r => r.StatusCode));
        _server.Requests.Reset();
        Assert.Equal(0, _server.Requests.Total);
    }

    [Fact]
    public async Task Too_many_requests_carries_Retry_After()
    {
        _server.Faults.Set(FaultPlan.TooManyRequests(7));

        using var response = await _http.GetAsync("v1/distributions?licence=KZ-DM-0016&month=2025-03");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_truncated_body_breaks_the_read_of_a_plain_client()
    {
        _server.Faults.Set(FaultPlan.TruncatedBody());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => _http.GetAsync("v1/purchases?month=2025-03"));
    }

    private async Task<T> GetAsync<T>(string uri)
    {
        using var response = await _http.GetAsync(uri);
        response.EnsureSuccessStatusCode();
        return JsonSerializer.Deserialize<T>(await response.Content.ReadAsStringAsync(), ExternalJson.Options)!;
    }
}
