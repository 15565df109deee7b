using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

public sealed class PagingTests(ITestOutputHelper output)
{
    private const string Month = "2025-03";

    [Fact]
    public async Task Purchases_over_several_pages_come_back_once_each_with_exact_decimals()
    {
        await using var h = await StandInHarness.StartAsync(output, s => StandInHarness.SetAll(s, "PageSize", "2"));
        LicencePurchase[] purchases =
        [
            new("KZ-DM-0001", "North", 1234567.125m, 31),
            new("KZ-DM-0002", "South", 0.00000001m, 1),
            new("KZ-DM-0003", "West", 12345678901234567.123456789m, 30),
            new("KZ-DM-0004", "North", 79228162514264337593543950335m, 28),
            new("KZ-DM-0005", "North", 0.1m, 2),
            new("KZ-DM-0006", "South", 1.10m, 3),
            new("KZ-DM-0016", "North", 999999.999999m, 31),
        ];
        StandInData.WritePurchases(h.Folder, Month, purchases);

        var result = await h.Get<MarketOperatorClient>().GetMonthlyPurchasesAsync(Month);

        Assert.Equal(purchases, result); // record equality: every field, decimals compared exactly
        Assert.Equal("1.10", result[5].Kwh.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(4, h.Server.Requests.Count(StandInApi.Purchases)); // 2 + 2 + 2 + 1
    }

    [Fact]
    public async Task Trades_and_distributions_page_through_and_keep_dates_and_quantities()
    {
        await using var h = await StandInHarness.StartAsync(output, s => StandInHarness.SetAll(s, "PageSize", "2"));
        var trades = Enumerable.Range(1, 5)
            .Select(i => new TradeConfirmation($"AIX-2503-0016-{i:000}", "AIX", "BTC", 0.51234567m * i, new DateOnly(2025, 3, i), 84000.5m + i, "USDT"))
            .ToList();
        var payouts = Enumerable.Range(1, 3)
            .Select(i => new PoolDistribution(new DateOnly(2025, 3, i), "BTC", 0.00212345m + i / 1e8m, "Foundry USA", "bc1qexamplewallet0016"))
            .ToList();
        StandInData.WriteTrades(h.Folder, "KZ-DM-0016", Month, trades);
        StandInData.WriteDistributions(h.Folder, "KZ-DM-0016", Month, payouts);

        Assert.Equal(trades, await h.Get<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", Month));
        Assert.Equal(payouts, await h.Get<IPoolClient>().GetDistributionsAsync("KZ-DM-0016", Month));
        Assert.Equal(3, h.Server.Requests.Count(StandInApi.TradeConfirmations));
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Distributions));
    }

    [Fact]
    public async Task Json_numbers_are_read_as_exact_decimals_not_through_double()
    {
        await using var h = await StandInHarness.StartAsync(output);
        var path = StandInData.PurchasesPath(h.Folder, Month);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, """
            [ { "licence": "KZ-DM-0016", "zone": "North", "kwh": 1234567.123456789012345678, "sessions": 31 },
              { "licence": "KZ-DM-0017", "zone": "North", "kwh": 0.30000000000000004441, "sessions": 1 } ]
            """);

        var result = await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month);

        Assert.Equal(1234567.123456789012345678m, result[0].Kwh);
        Assert.Equal(0.30000000000000004441m, result[1].Kwh);
    }

    [Fact]
    public async Task Licence_and_month_are_sent_url_encoded()
    {
        await using var h = await StandInHarness.StartAsync(output);
        const string odd = "KZ-DM 0016+A&month=1999-01#x";
        var trades = new[] { new TradeConfirmation("T-1", "AIX", "BTC", 1m, new DateOnly(2025, 3, 5), 2m, "USDT") };
        StandInData.WriteTrades(h.Folder, odd, Month, trades);

        Assert.Equal(trades, await h.Get<IExchangeClient>().GetTradeConfirmationsAsync(odd, Month));
        var request = Assert.Single(h.Server.Requests.Snapshot());
        Assert.Contains("licence=KZ-DM%200016%2BA%26month%3D1999-01%23x", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_without_data_is_an_empty_list_from_one_request()
    {
        await using var h = await StandInHarness.StartAsync(output);

        Assert.Empty(await h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync("2024-12"));
        Assert.Empty(await h.Get<IPoolClient>().GetDistributionsAsync("KZ-DM-0099", "2024-12"));
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Purchases));
        Assert.Equal(1, h.Server.Requests.Count(StandInApi.Distributions));
    }

    [Fact]
    public async Task A_server_repeating_its_page_token_is_stopped_with_a_bad_response()
    {
        await using var h = await StandInHarness.StartAsync(output, fault: FaultPlan.RepeatedPageToken());
        StandInData.WritePurchases(h.Folder, Month, [new LicencePurchase("KZ-DM-0016", "North", 1m, 1)]);

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IMarketOperatorClient>().GetMonthlyPurchasesAsync(Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Contains("repeated a page token", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, h.Server.Requests.Count(StandInApi.Purchases));
    }

    [Fact]
    public async Task A_server_whose_pages_never_end_is_stopped_at_MaxPages()
    {
        await using var h = await StandInHarness.StartAsync(output, s => StandInHarness.SetAll(s, "MaxPages", "5"), FaultPlan.EndlessPages());

        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => h.Get<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", Month));

        Assert.Equal(ExternalSourceFailure.BadResponse, ex.Failure);
        Assert.Contains("more than 5 pages", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, h.Server.Requests.Count(StandInApi.TradeConfirmations));
    }
}
