namespace Reporting.ExternalStandIn;

/// <summary>The three APIs the stand-in serves.</summary>
public enum StandInApi
{
    /// <summary><c>GET /v1/purchases</c> (market operator).</summary>
    Purchases,

    /// <summary><c>GET /v1/trade-confirmations</c> (AIFC exchanges).</summary>
    TradeConfirmations,

    /// <summary><c>GET /v1/distributions</c> (mining pools).</summary>
    Distributions,
}

/// <summary>Paths of the APIs.</summary>
public static class StandInApis
{
    public static IReadOnlyList<StandInApi> All { get; } = [StandInApi.Purchases, StandInApi.TradeConfirmations, StandInApi.Distributions];

    public static string PathOf(StandInApi api) => api switch
    {
        StandInApi.Purchases => "/v1/purchases",
        StandInApi.TradeConfirmations => "/v1/trade-confirmations",
        StandInApi.Distributions => "/v1/distributions",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    /// <summary>The API at <paramref name="path"/> (trailing slash allowed), or null.</summary>
    public static StandInApi? FromPath(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var api in All)
        {
            if (string.Equals(PathOf(api), trimmed, StringComparison.OrdinalIgnoreCase))
                return api;
        }
        return null;
    }
}
