using System.Net;

namespace Reporting.External;

/// <summary>What kind of failure an <see cref="ExternalSourceException"/> reports.</summary>
public enum ExternalSourceFailure
{
    /// <summary>The source has no BaseUrl or no usable API key; nothing was sent.</summary>
    NotConfigured,

    /// <summary>
    /// Transient and worth trying again later: 408/429/5xx, connection failures or timeouts that outlasted every
    /// retry, the total timeout, or an open circuit breaker.
    /// </summary>
    Unavailable,

    /// <summary>
    /// The source answered, but not usefully, and asking again will not help: 4xx other than 408/429
    /// (including 401 for a wrong key), a body that is not valid JSON for the contract, a body cut off on every
    /// attempt, a response that does not match the request, or a paging loop.
    /// </summary>
    BadResponse,
}

/// <summary>The one exception the external clients throw for a failed call (argument errors and caller
/// cancellation aside).</summary>
public sealed class ExternalSourceException : Exception
{
    public ExternalSourceException()
        : this("External source failed")
    {
    }

    public ExternalSourceException(string message)
        : this("unknown", ExternalSourceFailure.Unavailable, null, message)
    {
    }

    public ExternalSourceException(string message, Exception innerException)
        : this("unknown", ExternalSourceFailure.Unavailable, null, message, innerException)
    {
    }

    public ExternalSourceException(
        string sourceName, ExternalSourceFailure failure, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = sourceName;
        Failure = failure;
        StatusCode = statusCode;
    }

    /// <summary>The source, one of <see cref="ExternalSourceNames"/>.</summary>
    public string SourceName { get; }

    /// <summary>Unavailable (try later), bad response (will not fix itself) or not configured.</summary>
    public ExternalSourceFailure Failure { get; }

    /// <summary>The HTTP status of the last response, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True for <see cref="ExternalSourceFailure.Unavailable"/>: the same call may succeed later.</summary>
    public bool IsTransient => Failure == ExternalSourceFailure.Unavailable;

    /// <summary>
    /// The source's circuit breaker is open: it has been failing, and calls are refused without being sent until the break
    /// ends. A caller with more calls to make to the source should stop and come back later.
    /// </summary>
    public bool IsCircuitOpen => InnerException is Polly.CircuitBreaker.BrokenCircuitException;
}
