using System.Diagnostics;
using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

public sealed class TimeoutTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";

    private static readonly LicencePurchase[] Purchases = [new("KZ-DM-0016", "North", 42.5m, 3)];

    private static async Task<StandInHarness> StartAsync(ITestOutputHelper output, FaultPlan fault, string attemptTimeout, string totalTimeout, int maxRetries)
    {
        var h = await StandInHarness.StartAsync(output, s =>
        {
            StandInHarness.SetAll(s, "Timeout", attemptTimeout);
            StandInHarness.SetAll(s, "TotalTimeout", totalTimeout);
            StandInHarness.SetAll(s, "MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        StandInData.WritePurchases(h.Folder, Month, Purchases);
        // Warm up (JIT, connection pool) with one healthy call, so that a short attempt timeout cannot expire
        // before a cold first request even reaches the server; then count from zero with the fault on.
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        h.Server.Requests.Reset();
        h.Server.Faults.Set(fault);
        return h;
    }

    [Fact]
    public async Task An_attempt_timeout_is_retried_and_the_call_then_succeeds()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(TimeSpan.FromSeconds(30), FaultPattern.FirstN(2)), "00:00:01", "00:00:15", 3);

        var watch = Stopwatch.StartNew();
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1900), $"two attempts of 1 s each, took {watch.Elapsed}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Attempt_timeouts_on_every_attempt_fail_as_unavailable_after_one_plus_MaxRetries_requests()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(TimeSpan.FromSeconds(30)), "00:00:00.300", "00:00:15", 2);

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.Contains("per-attempt timeout", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
        Assert.Equal(1 + 2, h.Server.Requests.Count(StandInApi.Purchases));
        // The client really hung up: the server saw each held request aborted.
        await WaitUntilAsync(() => h.Server.Requests.Snapshot().All(r => r.Aborted));
    }

    [Fact]
    public async Task The_total_timeout_bounds_the_whole_call_including_retries()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(TimeSpan.FromSeconds(30)), "00:00:00.400", "00:00:01", 10);

        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        watch.Stop();

        output.WriteLine($"elapsed {watch.Elapsed.TotalMilliseconds:0} ms, {h.Server.Requests.Count(StandInApi.Purchases)} requests");
        Assert.Equal(ExternalSourceFailure.Unavailable, ex.Failure);
        Assert.Contains("total timeout", ex.Message, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(4));
        Assert.InRange(h.Server.Requests.Count(StandInApi.Purchases), 2, 3); // far fewer than 1 + 10
    }

    [Fact]
    public async Task A_slow_answer_within_the_attempt_timeout_succeeds_with_one_request()
    {
        await using var h = await StartAsync(output, FaultPlan.Slow(TimeSpan.FromMilliseconds(400)), "00:00:03", "00:00:15", 3);

        var watch = Stopwatch.StartNew();
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(390), $"took {watch.Elapsed}");
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task Caller_cancellation_is_an_OperationCanceledException_not_wrapped()
    {
        await using var h = await StartAsync(output, FaultPlan.Timeout(TimeSpan.FromSeconds(30)), "00:00:05", "00:00:15", 3);
        using var cancel = new CancellationTokenSource();

        // Cancelled once the server holds the request (not after a fixed time, which a busy machine may not reach).
        var call = h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month, cancel.Token);
        await WaitUntilAsync(() => h.Server.Requests.Count(StandInApi.Purchases) == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(20);
        }
    }
}
