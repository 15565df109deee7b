using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

public sealed class RetryTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";

    private static readonly LicencePurchase[] Purchases = [new("KZ-DM-0016", "North", 1234567.125m, 31)];

    private static async Task<StandInHarness> StartWithDataAsync(ITestOutputHelper output, FaultPlan? fault = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var h = await StandInHarness.StartAsync(output, configure, fault);
        StandInData.WritePurchases(h.Folder, Month, Purchases);
        return h;
    }

    [Fact]
    public async Task Two_server_errors_then_healthy_succeeds_with_exactly_three_requests()
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.ServerError(FaultPattern.FirstN(2)));

        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_fail_as_unavailable_after_one_plus_MaxRetries_requests()
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.ServerError(statusCode: 503));

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.True(ex.IsTransient);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(ExternalSourceNames.MarketOperator, ex.SourceName);
        Assert.Equal(1 + 3, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Too_many_requests_waits_exactly_for_Retry_After_then_succeeds()
    {
        // BaseDelay is 0: a wait of a second can only come from the Retry-After header.
        await using var h = await StandInHarness.StartAsync(output, fault: FaultPlan.TooManyRequests(1, FaultPattern.FirstN(1)), serverOnClock: true);
        StandInData.WritePurchases(h.Folder, Month, Purchases);
        var retryAfter = TimeSpan.FromSeconds(1);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        await h.Clock.WhenArmedAsync(retryAfter, 1);
        h.Clock.Advance(retryAfter - TimeSpan.FromTicks(1));

        Assert.False(call.IsCompleted);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(Purchases, await call);
        var requests = h.Server.Requests.Snapshot();
        Assert.Equal(2, requests.Count);
        Assert.Equal(retryAfter, requests[1].ReceivedAt - requests[0].ReceivedAt);
    }

    [Fact]
    public async Task Too_many_requests_on_every_attempt_is_unavailable_with_status_429()
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.TooManyRequests(0));

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(4, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_cut_off_by_an_aborted_connection_is_retried(bool chunked)
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.TruncatedBody(FaultPattern.FirstN(1), chunked));

        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task A_body_cut_off_on_every_attempt_is_a_bad_response_after_one_plus_MaxRetries_requests()
    {
        await using var h = await StartWithDataAsync(output);
        // Warm up first: a cold first request might not have read the headers when the connection is cut.
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        h.Server.Requests.Reset();
        h.Server.Faults.Set(FaultPlan.TruncatedBody());

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("cut off", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<System.Text.Json.JsonException>(ex.InnerException);
        Assert.Equal(1 + 3, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Well_framed_but_malformed_json_is_a_bad_response_without_retry()
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.MalformedBody());

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Contains("malformed or truncated JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task A_post_through_the_same_pipeline_is_never_retried_but_a_get_is()
    {
        await using var h = await StartWithDataAsync(output, FaultPlan.ServerError());
        var http = h.Get<IHttpClientFactory>().CreateClient(ExternalSourceNames.MarketOperator);

        using (var post = await http.PostAsync($"v1/purchases?month={Month}", new StringContent("{}")))
            Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases, "POST"));

        using (var get = await http.GetAsync($"v1/purchases?month={Month}"))
            Assert.Equal(HttpStatusCode.InternalServerError, get.StatusCode);
        Assert.Equal(1 + 3, h.Server.Requests.Count(StandInApi.Purchases, "GET"));
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases, "POST"));
    }

    [Fact]
    public async Task A_wrong_api_key_is_a_bad_response_401_without_retry()
    {
        await using var h = await StartWithDataAsync(output, configure: s => StandInHarness.SetAll(s, "ApiKey", "not-the-key"));

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IPoolClient>().GetDistributionsAsync("KZ-DM-0016", Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.False(ex.IsTransient);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("unauthorized", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Distributions));
    }

    [Fact]
    public async Task Each_source_has_its_own_pipeline_and_counts()
    {
        await using var h = await StartWithDataAsync(output);
        h.Server.Faults.Set(StandInApi.TradeConfirmations, FaultPlan.ServerError(FaultPattern.FirstN(1)));

        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Empty(await h.Get<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", Month));

        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.TradeConfirmations));
    }

    [Fact]
    public async Task A_server_that_is_down_is_unavailable_after_the_retries()
    {
        var h = await StartWithDataAsync(output);
        await using var _ = h;
        await h.Server.StopAsync();

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task An_unknown_route_is_a_bad_response_404_without_retry()
    {
        await using var h = await StartWithDataAsync(output);
        var settings = StandInHarness.DefaultSettings(new Uri(h.Server.BaseUrl, "not-the-api/"));
        await using var services = StandInHarness.BuildServices(settings, output);

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => services.GetRequiredService<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(1, h.Server.Requests.Total);
    }

    [Fact]
    public async Task A_body_over_MaxResponseBytes_is_a_bad_response_without_retry()
    {
        await using var h = await StartWithDataAsync(output, configure: s => StandInHarness.SetAll(s, "MaxResponseBytes", "1024"));
        StandInData.WritePurchases(h.Folder, "2025-04", Enumerable.Range(1, 40).Select(i => new LicencePurchase($"KZ-DM-{i:0000}", "North", i, i)));

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync("2025-04"));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Contains("MaxResponseBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
    }
}
