using System.ComponentModel.DataAnnotations;

namespace Reporting.External;

/// <summary>
/// Settings of one external source, bound from <c>ExternalSources:{MarketOperator|Exchange|Pools}</c>.
/// A source without <see cref="BaseUrl"/>, or whose <see cref="ApiKey"/> is empty or an unresolved Key Vault
/// reference, is <em>not configured</em>: start-up succeeds and its client reports why
/// (<see cref="GetNotConfiguredReason"/>). Values that are present but wrong (a relative URL, a negative
/// retry count) fail validation at start-up.
/// </summary>
public sealed class ExternalSourceOptions : IValidatableObject
{
    /// <summary>The text Azure App Service / Functions leaves in a setting whose Key Vault secret could not be resolved.</summary>
    public const string UnresolvedKeyVaultPrefix = "@Microsoft.KeyVault(";

    /// <summary>API root; <c>v1/...</c> is appended. https, or http only for a loopback host (the stand-in).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>X-Api-Key</c>. Never in the repository: app settings / Key Vault reference.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Timeout of one attempt (request and whole response body).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of one page request including every retry and back-off delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt (0 = no retry).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay; doubled per retry, with jitter. A <c>Retry-After</c> header takes precedence.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Share of failed attempts in the sampling window that opens the circuit. High by default: a source that
    /// fails half the time is degraded, and retries still get through; the circuit is for a source that is down.
    /// </summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.8;

    /// <summary>Attempts needed in the sampling window before the breaker may open.</summary>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the failure ratio is measured.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial request is let through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per page asked for (<c>pageSize</c>); the APIs' maximum is 1000.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Largest response body accepted (bytes): far above a 1,000-item page, far below a memory problem.</summary>
    [Range(1024L, 1024L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Guard against a server that never ends: more pages than this is an error.</summary>
    [Range(1, 10_000)]
    public int MaxPages { get; set; } = 10_000;

    /// <summary>
    /// Why the source cannot be used, or null when it is configured: no <see cref="BaseUrl"/>, an empty
    /// <see cref="ApiKey"/>, or an <see cref="ApiKey"/> that is still a literal Key Vault reference.
    /// </summary>
    /// <param name="sourceName">Used in the message, e.g. "Exchange".</param>
    public string? GetNotConfiguredReason(string sourceName)
    {
        var section = $"{ExternalSourceNames.SectionName}:{sourceName}";
        if (BaseUrl is null)
            return $"{section}:BaseUrl is not set";
        if (string.IsNullOrWhiteSpace(ApiKey))
            return $"{section}:ApiKey is empty";
        if (ApiKey.TrimStart().StartsWith(UnresolvedKeyVaultPrefix, StringComparison.OrdinalIgnoreCase))
            return $"{section}:ApiKey is an unresolved Key Vault reference (the secret does not exist or the app may not read it)";
        return null;
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null)
        {
            if (!BaseUrl.IsAbsoluteUri)
            {
                yield return new ValidationResult("BaseUrl must be an absolute URL", [nameof(BaseUrl)]);
            }
            else
            {
                var https = BaseUrl.Scheme == Uri.UriSchemeHttps;
                var loopbackHttp = BaseUrl.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback;
                if (!https && !loopbackHttp)
                    yield return new ValidationResult("BaseUrl must use https (plain http only for a loopback stand-in)", [nameof(BaseUrl)]);
                if (!string.IsNullOrEmpty(BaseUrl.Query) || !string.IsNullOrEmpty(BaseUrl.Fragment))
                    yield return new ValidationResult("BaseUrl must not have a query or fragment", [nameof(BaseUrl)]);
            }
        }
        if (TotalTimeout < Timeout)
            yield return new ValidationResult("TotalTimeout must be at least Timeout (the per-attempt timeout)", [nameof(TotalTimeout), nameof(Timeout)]);
    }
}
