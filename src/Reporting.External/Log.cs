using Microsoft.Extensions.Logging;

namespace Reporting.External;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: retry {Attempt} in {DelayMs} ms after {Outcome}")]
    public static partial void Retrying(ILogger logger, string source, int attempt, double delayMs, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: circuit opened for {BreakMs} ms after {Outcome}; calls fail fast until it half-opens")]
    public static partial void CircuitOpened(ILogger logger, string source, double breakMs, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: circuit half-open, letting one trial request through")]
    public static partial void CircuitHalfOpened(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source}: page {Page} of {What} gave {Count} items (more: {More})")]
    public static partial void PageFetched(ILogger logger, string source, int page, string what, int count, bool more);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: fetched {Count} items of {What} in {Pages} page(s), {ElapsedMs} ms")]
    public static partial void Fetched(ILogger logger, string source, int count, string what, int pages, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source}: {What} failed ({Failure}, HTTP {Status}) after {ElapsedMs} ms: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string source, string what, ExternalSourceFailure failure, int? status, long elapsedMs, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Source} is not configured: {Reason}")]
    public static partial void NotConfigured(ILogger logger, string source, string reason);
}
