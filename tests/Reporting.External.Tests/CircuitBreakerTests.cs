using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

public sealed class CircuitBreakerTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";

    [Fact]
    public async Task The_breaker_opens_after_failures_fails_fast_without_reaching_the_server_and_recovers()
    {
        await using var h = await StandInHarness.StartAsync(output, s =>
        {
            StandInHarness.SetAll(s, "BreakerMinimumThroughput", "2");
            StandInHarness.SetAll(s, "BreakerFailureRatio", "0.5");
            StandInHarness.SetAll(s, "BreakerSamplingDuration", "00:00:10");
            StandInHarness.SetAll(s, "BreakerBreakDuration", "00:00:00.500");
        });
        h.Server.Faults.Set(StandInApi.Purchases, FaultPlan.ServerError());
        var purchases = new[] { new LicencePurchase("KZ-DM-0016", "North", 7m, 1) };
        StandInData.WritePurchases(h.Folder, Month, purchases);

        // First call: two failed attempts reach the minimum throughput and open the circuit; the next retry
        // is refused by the open circuit, so the call ends early.
        var first = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(ExternalSourceFailure.Unavailable, first.Failure);
        var reached = h.Server.Requests.Count(StandInApi.Purchases);
        Assert.Equal(2, reached);

        // While open: calls fail fast and nothing reaches the server (a new typed client shares the pipeline).
        for (var i = 0; i < 3; i++)
        {
            var fast = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
            Assert.Equal(ExternalSourceFailure.Unavailable, fast.Failure);
            Assert.Contains("circuit breaker is open", fast.Message, StringComparison.Ordinal);
        }
        Assert.Equal(reached, h.Server.Requests.Count(StandInApi.Purchases));

        // The other sources have their own breakers and are unaffected.
        Assert.Empty(await h.Get<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", Month));
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.TradeConfirmations));

        // Healthy again; after the break duration one trial request closes the circuit.
        h.Server.Faults.Clear();
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.Equal(purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(purchases, await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));
        Assert.Equal(reached + 2, h.Server.Requests.Count(StandInApi.Purchases));
    }
}
