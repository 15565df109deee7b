using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Reporting.External;

/// <summary>
/// The resilience pipeline of one source, outermost first:
/// total timeout → retry (GET/HEAD/OPTIONS only; 408, 429, 5xx, HttpRequestException, attempt timeout;
/// exponential back-off with jitter; Retry-After honoured) → circuit breaker → per-attempt timeout.
/// Every number comes from the source's <see cref="ExternalSourceOptions"/>.
/// </summary>
internal static class ExternalSourcePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context, string sourceName)
    {
        context.EnableReloads<ExternalSourceOptions>(sourceName);
        var options = context.GetOptions<ExternalSourceOptions>(sourceName);
        var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSourcePipeline).FullName!);
        var time = context.ServiceProvider.GetService<TimeProvider>();
        if (time is not null)
            builder.TimeProvider = time;

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "TotalTimeout",
            Timeout = options.TotalTimeout,
        });

        if (options.MaxRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.TotalTimeout,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnRetry = args =>
                {
                    Log.Retrying(logger, sourceName, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome));
                    return ValueTask.CompletedTask;
                },
            };
            // Wraps ShouldHandle: POST, PUT, PATCH, DELETE and CONNECT are never retried.
            retry.DisableForUnsafeHttpMethods();
            builder.AddRetry(retry);
        }

        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "CircuitBreaker",
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            OnOpened = args =>
            {
                Log.CircuitOpened(logger, sourceName, args.BreakDuration.TotalMilliseconds, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                Log.CircuitHalfOpened(logger, sourceName);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(logger, sourceName);
                return ValueTask.CompletedTask;
            },
        });

        builder.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Name = "AttemptTimeout",
            Timeout = options.Timeout,
        });
    }

    /// <summary>408, 429, any 5xx, a transport failure (including a body cut off) or an attempt timeout.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TimeoutRejectedException } => true,
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        _ => false,
    };

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status == HttpStatusCode.RequestTimeout || status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } ex
            ? $"{ex.GetType().Name}: {ex.Message}"
            : outcome.Result is { } response ? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" : "no outcome";
}
