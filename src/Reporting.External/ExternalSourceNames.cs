namespace Reporting.External;

/// <summary>
/// Names of the external sources. Each name is the configuration section under <c>ExternalSources</c>, the
/// name of the options instance, and the name of the <see cref="System.Net.Http.HttpClient"/> (with its
/// resilience pipeline) in <see cref="System.Net.Http.IHttpClientFactory"/>.
/// </summary>
public static class ExternalSourceNames
{
    /// <summary>The configuration section holding one sub-section per source.</summary>
    public const string SectionName = "ExternalSources";

    /// <summary>The electricity market operator (KOREM): monthly purchases per licence.</summary>
    public const string MarketOperator = "MarketOperator";

    /// <summary>AIFC exchange trade confirmations per licence and month.</summary>
    public const string Exchange = "Exchange";

    /// <summary>Mining pool distribution reports per licence and month.</summary>
    public const string Pools = "Pools";

    /// <summary>All three, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [MarketOperator, Exchange, Pools];

    /// <summary>The request header carrying the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The name of the resilience pipeline on each source's HttpClient.</summary>
    public const string PipelineName = "external";
}
