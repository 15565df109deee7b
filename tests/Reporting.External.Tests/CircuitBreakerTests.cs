using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

public sealed class CircuitBreakerTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    private static readonly LicencePurchase[] Purchases = [new("KZ-DM-0016", "North", 7m, 1)];

    /// <summary>The purchases API failing with 500; the breaker opens when half of at least two attempts fail.</summary>
    private async Task<StandInHarness> StartFailingAsync(int maxRetries)
    {
        var h = await StandInHarness.StartAsync(output, s =>
        {
            StandInHarness.SetAll(s, "MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
            StandInHarness.SetAll(s, "BreakerMinimumThroughput", "2");
            StandInHarness.SetAll(s, "BreakerFailureRatio", "0.5");
            StandInHarness.SetAll(s, "BreakerSamplingDuration", "00:01:00");
            StandInHarness.SetAll(s, "BreakerBreakDuration", "00:00:30");
        });
        h.Server.Faults.Set(StandInApi.Purchases, FaultPlan.ServerError());
        StandInData.WritePurchases(h.Folder, Month, Purchases);
        return h;
    }

    [Fact]
    public async Task The_breaker_opens_after_failures_fails_fast_for_exactly_its_break_duration_and_recovers()
    {
        await using var h = await StartFailingAsync(maxRetries: 3);

        // First call: two failed attempts reach the minimum throughput and open the circuit; the next retry
        // is refused by the open circuit, so the call ends early.
        var first = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(ExternalSourceFailure.Unavailable, first.Failure);
        Assert.True(first.IsCircuitOpen);
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Purchases));

        // The server is healthy again, but the circuit stays open for its whole break duration: calls fail fast
        // and nothing reaches the server (a new typed client shares the pipeline).
        h.Server.Faults.Clear();
        await AssertFailsFastAsync(h);
        h.Clock.Advance(BreakDuration - TimeSpan.FromTicks(1));
        await AssertFailsFastAsync(h);
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Purchases));

        // The other sources have their own breakers and are unaffected.
        Assert.Empty(await h.Get<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", Month));
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.TradeConfirmations));

        // At the break duration one trial request is let through; it succeeds and closes the circuit.
        h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(Purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(2 + 2, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task A_failed_trial_request_opens_the_circuit_for_another_break_duration()
    {
        await using var h = await StartFailingAsync(maxRetries: 0);
        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        await AssertFailsFastAsync(h);

        h.Clock.Advance(BreakDuration);
        var trial = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.False(trial.IsCircuitOpen); // the trial reached the server and failed there
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases));
        h.Clock.Advance(BreakDuration - TimeSpan.FromTicks(1));
        await AssertFailsFastAsync(h);
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.Purchases));
    }

    private static async Task AssertFailsFastAsync(StandInHarness h)
    {
        var fast = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(ExternalSourceFailure.Unavailable, fast.Failure);
        Assert.True(fast.IsCircuitOpen);
        Assert.Contains("circuit breaker is open", fast.Message, StringComparison.Ordinal);
    }
}
