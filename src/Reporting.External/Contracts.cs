namespace Reporting.External;

// The JSON shapes of the three external APIs (docs/external-apis.md). Property names are camelCase on the wire;
// quantities, kWh and prices are JSON numbers read as decimal (exact, never through double); dates are ISO
// "yyyy-MM-dd"; months are "yyyy-MM" strings.

/// <summary>One licence's electricity bought in the market operator's centralised day-ahead trading in a month.</summary>
/// <param name="Licence">Licence number, e.g. "KZ-DM-0016".</param>
/// <param name="Zone">Energy zone of the purchase (e.g. "North").</param>
/// <param name="Kwh">kWh bought, summed over the month's daily sessions.</param>
/// <param name="Sessions">Number of daily trading sessions in which the licence bought anything.</param>
public sealed record LicencePurchase(string Licence, string Zone, decimal Kwh, int Sessions);

/// <summary>One page of <c>GET /v1/purchases</c>.</summary>
public sealed record PurchasesPage(string Month, IReadOnlyList<LicencePurchase> Items, string? NextPageToken = null)
    : IExternalPage<LicencePurchase>;

/// <summary>One trade confirmation of an AIFC exchange for a licence.</summary>
/// <param name="TradeId">The exchange's trade identifier (unique per exchange).</param>
/// <param name="Exchange">Exchange code, e.g. "AIX".</param>
/// <param name="Asset">Asset sold, e.g. "BTC".</param>
/// <param name="Quantity">Quantity of the asset sold.</param>
/// <param name="TradeDate">Trade date.</param>
/// <param name="Price">Price per unit of the asset, in <paramref name="Currency"/>.</param>
/// <param name="Currency">Quote currency, e.g. "USDT".</param>
public sealed record TradeConfirmation(
    string TradeId, string Exchange, string Asset, decimal Quantity, DateOnly TradeDate, decimal Price, string Currency);

/// <summary>One page of <c>GET /v1/trade-confirmations</c>.</summary>
public sealed record TradeConfirmationsPage(
    string Licence, string Month, IReadOnlyList<TradeConfirmation> Items, string? NextPageToken = null)
    : IExternalPage<TradeConfirmation>;

/// <summary>One payout of a mining pool to a licence's wallet.</summary>
/// <param name="Date">Day the payout covers.</param>
/// <param name="Asset">Asset paid out, e.g. "BTC".</param>
/// <param name="Quantity">Quantity paid out.</param>
/// <param name="Pool">Pool name, e.g. "Foundry USA".</param>
/// <param name="Wallet">Receiving wallet address.</param>
public sealed record PoolDistribution(DateOnly Date, string Asset, decimal Quantity, string Pool, string Wallet);

/// <summary>One page of <c>GET /v1/distributions</c>.</summary>
public sealed record DistributionsPage(
    string Licence, string Month, IReadOnlyList<PoolDistribution> Items, string? NextPageToken = null)
    : IExternalPage<PoolDistribution>;

/// <summary>The error body every API returns with a 4xx or 5xx status (best effort: clients do not rely on it).</summary>
/// <param name="Error">A short machine-readable code, e.g. "bad_request", "unauthorized".</param>
/// <param name="Message">A human-readable explanation.</param>
public sealed record ErrorBody(string Error, string Message);
