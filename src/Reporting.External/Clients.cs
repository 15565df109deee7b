using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Reporting.External;

/// <summary>What every external source client tells about itself.</summary>
public interface IExternalSourceClient
{
    /// <summary>One of <see cref="ExternalSourceNames"/>.</summary>
    string SourceName { get; }

    /// <summary>False when the source has no BaseUrl or no usable API key; calls then throw
    /// <see cref="ExternalSourceException"/> with <see cref="ExternalSourceFailure.NotConfigured"/>.</summary>
    bool IsConfigured { get; }

    /// <summary>Why the source is not configured, or null when it is.</summary>
    string? NotConfiguredReason { get; }
}

/// <summary>The electricity market operator (KOREM): kWh each licence bought in centralised trading.</summary>
public interface IMarketOperatorClient : IExternalSourceClient
{
    /// <summary>Every licence's purchases in <paramref name="month"/> ("yyyy-MM"), all pages.</summary>
    /// <exception cref="ExternalSourceException">Not configured, unavailable, or a bad response.</exception>
    Task<IReadOnlyList<LicencePurchase>> GetMonthlyPurchasesAsync(string month, CancellationToken cancellationToken = default);
}

/// <summary>AIFC exchange trade confirmations.</summary>
public interface IExchangeClient : IExternalSourceClient
{
    /// <summary>Trade confirmations of <paramref name="licence"/> in <paramref name="month"/> ("yyyy-MM"), all pages.</summary>
    /// <exception cref="ExternalSourceException">Not configured, unavailable, or a bad response.</exception>
    Task<IReadOnlyList<TradeConfirmation>> GetTradeConfirmationsAsync(string licence, string month, CancellationToken cancellationToken = default);
}

/// <summary>Mining pool distribution reports.</summary>
public interface IPoolClient : IExternalSourceClient
{
    /// <summary>Pool payouts to <paramref name="licence"/> in <paramref name="month"/> ("yyyy-MM"), all pages.</summary>
    /// <exception cref="ExternalSourceException">Not configured, unavailable, or a bad response.</exception>
    Task<IReadOnlyList<PoolDistribution>> GetDistributionsAsync(string licence, string month, CancellationToken cancellationToken = default);
}

/// <summary>What the three typed clients share: the caller that fetches pages through the source's pipeline.</summary>
public abstract class ExternalSourceClient : IExternalSourceClient
{
    private protected ExternalSourceClient(HttpClient httpClient, IOptionsMonitor<ExternalSourceOptions> options, string sourceName, ILogger logger, TimeProvider timeProvider)
    {
        Caller = new ExternalSourceCaller(httpClient, options, sourceName, logger, timeProvider);
    }

    private protected ExternalSourceCaller Caller { get; }

    public string SourceName => Caller.SourceName;

    public bool IsConfigured => NotConfiguredReason is null;

    public string? NotConfiguredReason => Caller.NotConfiguredReason;
}

/// <summary>Typed client of the market operator API (registered by <c>AddExternalSources</c>).</summary>
public sealed class MarketOperatorClient(
    HttpClient httpClient, IOptionsMonitor<ExternalSourceOptions> options, ILogger<MarketOperatorClient> logger, TimeProvider timeProvider)
    : ExternalSourceClient(httpClient, options, ExternalSourceNames.MarketOperator, logger, timeProvider), IMarketOperatorClient
{
    public Task<IReadOnlyList<LicencePurchase>> GetMonthlyPurchasesAsync(string month, CancellationToken cancellationToken = default)
    {
        ExternalArguments.ThrowIfNotMonth(month, nameof(month));
        return Caller.FetchAllAsync<PurchasesPage, LicencePurchase>(
            "v1/purchases", [new("month", month)], $"purchases of {month}",
            page => page.Month == month ? null : $"month is \"{page.Month}\"",
            cancellationToken);
    }
}

/// <summary>Typed client of the AIFC exchange trade confirmation API (registered by <c>AddExternalSources</c>).</summary>
public sealed class ExchangeClient(
    HttpClient httpClient, IOptionsMonitor<ExternalSourceOptions> options, ILogger<ExchangeClient> logger, TimeProvider timeProvider)
    : ExternalSourceClient(httpClient, options, ExternalSourceNames.Exchange, logger, timeProvider), IExchangeClient
{
    public Task<IReadOnlyList<TradeConfirmation>> GetTradeConfirmationsAsync(string licence, string month, CancellationToken cancellationToken = default)
    {
        ExternalArguments.ThrowIfNotLicence(licence, nameof(licence));
        ExternalArguments.ThrowIfNotMonth(month, nameof(month));
        return Caller.FetchAllAsync<TradeConfirmationsPage, TradeConfirmation>(
            "v1/trade-confirmations", [new("licence", licence), new("month", month)], $"trade confirmations of {licence} for {month}",
            page => Mismatch(page.Licence, page.Month, licence, month),
            cancellationToken);
    }

    internal static string? Mismatch(string pageLicence, string pageMonth, string licence, string month) =>
        pageLicence != licence ? $"licence is \"{pageLicence}\""
        : pageMonth != month ? $"month is \"{pageMonth}\""
        : null;
}

/// <summary>Typed client of the mining pool distribution API (registered by <c>AddExternalSources</c>).</summary>
public sealed class PoolClient(
    HttpClient httpClient, IOptionsMonitor<ExternalSourceOptions> options, ILogger<PoolClient> logger, TimeProvider timeProvider)
    : ExternalSourceClient(httpClient, options, ExternalSourceNames.Pools, logger, timeProvider), IPoolClient
{
    public Task<IReadOnlyList<PoolDistribution>> GetDistributionsAsync(string licence, string month, CancellationToken cancellationToken = default)
    {
        ExternalArguments.ThrowIfNotLicence(licence, nameof(licence));
        ExternalArguments.ThrowIfNotMonth(month, nameof(month));
        return Caller.FetchAllAsync<DistributionsPage, PoolDistribution>(
            "v1/distributions", [new("licence", licence), new("month", month)], $"distributions of {licence} for {month}",
            page => ExchangeClient.Mismatch(page.Licence, page.Month, licence, month),
            cancellationToken);
    }
}
