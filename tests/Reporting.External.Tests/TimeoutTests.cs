using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

/// <summary>
/// Timeouts on fake time shared by the client and the stand-in: the server's hold of a request arms a timer,
/// which tells the test the request has arrived; the test then advances the clock by exactly the timeout.
/// </summary>
public sealed class TimeoutTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private static readonly LicencePurchase[] Purchases = [new("KZ-DM-0016", "North", 42.5m, 3)];

    private static async Task<StandInHarness> StartAsync(ITestOutputHelper output, FaultPlan fault, string attemptTimeout, string totalTimeout, int maxRetries)
    {
        var h = await StandInHarness.StartAsync(output, s =>
        {
            StandInHarness.SetAll(s, "Timeout", attemptTimeout);
            StandInHarness.SetAll(s, "TotalTimeout", totalTimeout);
            StandInHarness.SetAll(s, "MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }, fault, serverOnClock: true);
        StandInData.WritePurchases(h.Folder, Month, Purchases);
        return h;
    }

    [Fact]
    public async Task An_attempt_timeout_is_retried_and_the_call_then_succeeds()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(Hold, FaultPattern.FirstN(2)), "00:00:01", "00:00:15", 3);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await h.Clock.WhenArmedAsync(Hold, attempt);
            h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(Purchases, await call);
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases));
        Assert.Equal(TimeSpan.FromSeconds(2), h.Clock.Elapsed); // two attempts of 1 s each, no back-off
    }

    [Fact]
    public async Task A_held_request_is_not_abandoned_one_tick_before_the_attempt_timeout()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(Hold, FaultPattern.FirstN(1)), "00:00:01", "00:00:15", 3);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        await h.Clock.WhenArmedAsync(Hold, 1);
        h.Clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));

        Assert.False(call.IsCompleted);
        Assert.Equal(0, h.Clock.StoppedEarly(Hold)); // the client still waits for the held request
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(Purchases, await call);
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Attempt_timeouts_on_every_attempt_fail_as_unavailable_after_one_plus_MaxRetries_requests()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(Hold), "00:00:00.300", "00:00:15", 2);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await h.Clock.WhenArmedAsync(Hold, attempt);
            h.Clock.Advance(TimeSpan.FromMilliseconds(300));
        }

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => call);
        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.Contains("per-attempt timeout", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
        Assert.Equal(1 + 2, h.Server.Requests.Count(StandInApi.Purchases));
        // The client really hung up: the server stopped holding each request long before its 30 s.
        await h.Clock.WhenStoppedEarlyAsync(Hold, 3);
    }

    [Fact]
    public async Task The_total_timeout_bounds_the_whole_call_including_retries()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(Hold), "00:00:00.400", "00:00:01", 10);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        // Attempts end at 0.4 s and 0.8 s; the third is cut at 1 s by the total timeout.
        foreach (var (attempt, step) in new[] { (1, 400), (2, 400), (3, 200) })
        {
            await h.Clock.WhenArmedAsync(Hold, attempt);
            h.Clock.Advance(TimeSpan.FromMilliseconds(step));
        }

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => call);
        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.Contains("total timeout", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases)); // far fewer than 1 + 10
        Assert.Equal(TimeSpan.FromSeconds(1), h.Clock.Elapsed);
    }

    [Fact]
    public async Task A_slow_answer_within_the_attempt_timeout_succeeds_with_one_request()
    {
        var slow = TimeSpan.FromMilliseconds(2_999);
        await using var h = await StartAsync(output, FaultPlan.Slow(slow), "00:00:03", "00:00:15", 3);

        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);
        await h.Clock.WhenArmedAsync(slow, 1);
        h.Clock.Advance(slow);

        Assert.Equal(Purchases, await call);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Caller_cancellation_is_an_OperationCanceledException_not_wrapped()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(Hold), "00:00:05", "00:00:15", 3);
        using var cancel = new CancellationTokenSource();

        // Cancelled once the server holds the request.
        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month, cancel.Token);
        await h.Clock.WhenArmedAsync(Hold, 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
        Assert.Equal(TimeSpan.Zero, h.Clock.Elapsed);
    }
}
