using System.Text.Json;

namespace Reporting.External.Tests;

/// <summary>The JSON rules of the contract, as the clients apply them (docs/external-apis.md).</summary>
public sealed class ContractJsonTests
{
    [Fact]
    public void A_documented_page_reads_with_exact_decimals_and_dates()
    {
        var page = JsonSerializer.Deserialize<TradeConfirmationsPage>("""
            { "licence": "KZ-DM-0016", "month": "2025-03", "extra": "ignored",
              "items": [ { "tradeId": "AIX-2503-0016-001", "exchange": "AIX", "asset": "BTC", "quantity": 0.51234567,
                           "tradeDate": "2025-03-05", "price": 84000.5, "currency": "USDT" } ],
              "nextPageToken": null }
            """, ExternalJson.Options)!;

        var trade = Assert.Single(page.Items);
        Assert.Equal(0.51234567m, trade.Quantity);
        Assert.Equal(84000.5m, trade.Price);
        Assert.Equal(new DateOnly(2025, 3, 5), trade.TradeDate);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public void The_last_page_may_omit_nextPageToken()
    {
        var page = JsonSerializer.Deserialize<PurchasesPage>("""{ "month": "2025-03", "items": [] }""", ExternalJson.Options)!;
        Assert.Null(page.NextPageToken);
        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("""{ "month": "2025-03", "items": [ { "licence": "KZ-DM-0016", "zone": "North", "kwh": "12.5", "sessions": 1 } ] }""")]
    [InlineData("""{ "month": "2025-03", "items": [ { "licence": "KZ-DM-0016", "zone": "North", "sessions": 1 } ] }""")]
    [InlineData("""{ "month": "2025-03", "items": [ { "licence": null, "zone": "North", "kwh": 1, "sessions": 1 } ] }""")]
    [InlineData("""{ "month": "2025-03" }""")]
    [InlineData("""{ "month": "2025-03", "items": [ { "licence": "KZ-DM-0016", "zone": "North", "kwh": 1e400, "sessions": 1 } ] }""")]
    [InlineData("""{ "month": "2025-03", "items": [ { "licence": "KZ-DM-0016", "zone": "North", "kwh": 1, "sessions": 1 } """)]
    public void Quoted_numbers_missing_or_null_properties_and_cut_json_are_rejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PurchasesPage>(json, ExternalJson.Options));

    [Fact]
    public void Decimals_are_written_as_json_numbers_with_their_scale()
    {
        var json = JsonSerializer.Serialize(new LicencePurchase("KZ-DM-0016", "North", 1.10m, 31), ExternalJson.Options);
        Assert.Equal("""{"licence":"KZ-DM-0016","zone":"North","kwh":1.10,"sessions":31}""", json);
    }
}
