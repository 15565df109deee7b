using System.Globalization;

namespace Reporting.ExternalStandIn;

/// <summary>What the stand-in does to a request a fault is applied to.</summary>
public enum FaultMode
{
    /// <summary>Healthy.</summary>
    None,

    /// <summary>Answer <see cref="FaultPlan.StatusCode"/> (500 by default) with a JSON error body.</summary>
    ServerError,

    /// <summary>Hold the request for <see cref="FaultPlan.Delay"/> (stopping early if the client gives up), then 504.</summary>
    Timeout,

    /// <summary>Answer 429 with <c>Retry-After: </c><see cref="FaultPlan.RetryAfterSeconds"/>.</summary>
    TooManyRequests,

    /// <summary>200 with the real page's headers and half of its JSON; after <see cref="FaultPlan.Delay"/> (so the
    /// client has surely read the headers) the connection is aborted. A Content-Length body, or chunked when
    /// <see cref="FaultPlan.Chunked"/>.</summary>
    TruncatedBody,

    /// <summary>200 with a well-framed body (Content-Length matches) that is only half of the JSON.</summary>
    MalformedBody,

    /// <summary>Wait <see cref="FaultPlan.Delay"/>, then answer normally.</summary>
    Slow,

    /// <summary>Answer the first page whatever the token, always with the same <c>nextPageToken</c> (a paging loop).</summary>
    RepeatedPageToken,

    /// <summary>Answer the first page whatever the token, each time with a new <c>nextPageToken</c> (paging never ends).</summary>
    EndlessPages,
}

/// <summary>Which requests a fault hits.</summary>
public enum FaultPatternKind
{
    /// <summary>Every request.</summary>
    Always,

    /// <summary>Requests number N, 2N, 3N, … (counted from when the plan was set).</summary>
    EveryNth,

    /// <summary>The first N requests, then healthy.</summary>
    FirstN,

    /// <summary>Each request with probability P, from a pseudo-random sequence seeded with Seed (repeatable).</summary>
    Probability,
}

/// <summary>Which requests a fault hits; immutable (the stand-in keeps the counters per API).</summary>
public sealed record FaultPattern
{
    private FaultPattern(FaultPatternKind kind, int n, double p, int seed)
    {
        Kind = kind;
        N = n;
        P = p;
        Seed = seed;
    }

    public FaultPatternKind Kind { get; }

    /// <summary>N of <see cref="FaultPatternKind.EveryNth"/> and <see cref="FaultPatternKind.FirstN"/>.</summary>
    public int N { get; }

    /// <summary>P of <see cref="FaultPatternKind.Probability"/>.</summary>
    public double P { get; }

    /// <summary>Seed of <see cref="FaultPatternKind.Probability"/>.</summary>
    public int Seed { get; }

    public static FaultPattern Always { get; } = new(FaultPatternKind.Always, 0, 0, 0);

    public static FaultPattern EveryNth(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return new(FaultPatternKind.EveryNth, n, 0, 0);
    }

    public static FaultPattern FirstN(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return new(FaultPatternKind.FirstN, n, 0, 0);
    }

    public static FaultPattern Probability(double p, int seed)
    {
        if (double.IsNaN(p) || p < 0 || p > 1)
            throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be between 0 and 1");
        return new(FaultPatternKind.Probability, 0, p, seed);
    }

    public override string ToString() => Kind switch
    {
        FaultPatternKind.EveryNth => string.Create(CultureInfo.InvariantCulture, $"EveryNth({N})"),
        FaultPatternKind.FirstN => string.Create(CultureInfo.InvariantCulture, $"FirstN({N})"),
        FaultPatternKind.Probability => string.Create(CultureInfo.InvariantCulture, $"Probability({P},{Seed})"),
        _ => "Always",
    };
}

/// <summary>
/// A fault and the requests it hits. Build with the factory methods, or <see cref="Parse"/> text such as
/// <c>ServerError@FirstN(2)</c>, <c>ServerError:503</c>, <c>Timeout:30s</c>, <c>TooManyRequests:1@EveryNth(3)</c>,
/// <c>TruncatedBody:chunked</c>, <c>Slow:500ms@Probability(0.2,42)</c>, <c>None</c>.
/// </summary>
public sealed record FaultPlan
{
    public FaultMode Mode { get; init; }

    public FaultPattern Pattern { get; init; } = FaultPattern.Always;

    /// <summary>How long <see cref="FaultMode.Timeout"/> holds a request, <see cref="FaultMode.Slow"/> delays it, or
    /// <see cref="FaultMode.TruncatedBody"/> waits between the partial body and the abort.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The <c>Retry-After</c> of <see cref="FaultMode.TooManyRequests"/>, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>The status of <see cref="FaultMode.ServerError"/>.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary><see cref="FaultMode.TruncatedBody"/> with chunked transfer encoding instead of Content-Length.</summary>
    public bool Chunked { get; init; }

    public static FaultPlan None { get; } = new() { Mode = FaultMode.None };

    public static FaultPlan ServerError(FaultPattern? pattern = null, int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new() { Mode = FaultMode.ServerError, Pattern = pattern ?? FaultPattern.Always, StatusCode = statusCode };
    }

    public static FaultPlan Timeout(TimeSpan hold, FaultPattern? pattern = null) =>
        new() { Mode = FaultMode.Timeout, Pattern = pattern ?? FaultPattern.Always, Delay = NonNegative(hold) };

    public static FaultPlan TooManyRequests(int retryAfterSeconds, FaultPattern? pattern = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        return new() { Mode = FaultMode.TooManyRequests, Pattern = pattern ?? FaultPattern.Always, RetryAfterSeconds = retryAfterSeconds };
    }

    public static FaultPlan TruncatedBody(FaultPattern? pattern = null, bool chunked = false, TimeSpan? pauseBeforeAbort = null) =>
        new()
        {
            Mode = FaultMode.TruncatedBody,
            Pattern = pattern ?? FaultPattern.Always,
            Chunked = chunked,
            Delay = NonNegative(pauseBeforeAbort ?? TimeSpan.FromMilliseconds(100)),
        };

    public static FaultPlan MalformedBody(FaultPattern? pattern = null) =>
        new() { Mode = FaultMode.MalformedBody, Pattern = pattern ?? FaultPattern.Always };

    public static FaultPlan Slow(TimeSpan delay, FaultPattern? pattern = null) =>
        new() { Mode = FaultMode.Slow, Pattern = pattern ?? FaultPattern.Always, Delay = NonNegative(delay) };

    public static FaultPlan RepeatedPageToken() => new() { Mode = FaultMode.RepeatedPageToken };

    public static FaultPlan EndlessPages() => new() { Mode = FaultMode.EndlessPages };

    /// <summary>Parses <c>mode[:argument][@pattern]</c> (see the type's summary); case-insensitive.</summary>
    /// <exception cref="FormatException">The text is not a fault plan.</exception>
    public static FaultPlan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spec = text.Trim();
        var pattern = FaultPattern.Always;
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            pattern = ParsePattern(spec[(at + 1)..].Trim(), text);
            spec = spec[..at].Trim();
        }
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var modeText = colon >= 0 ? spec[..colon].Trim() : spec;
        var argument = colon >= 0 ? spec[(colon + 1)..].Trim() : null;
        if (!Enum.TryParse<FaultMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(modeText, out _))
            throw Bad(text, $"unknown mode \"{modeText}\" (one of {string.Join(", ", Enum.GetNames<FaultMode>())})");

        try
        {
            return mode switch
            {
                FaultMode.None => None,
                FaultMode.ServerError => ServerError(pattern, argument is null ? 500 : ParseInt(argument, text)),
                FaultMode.Timeout => Timeout(argument is null ? TimeSpan.FromSeconds(30) : ParseDuration(argument, text), pattern),
                FaultMode.TooManyRequests => TooManyRequests(argument is null ? 1 : ParseInt(argument, text), pattern),
                FaultMode.TruncatedBody => TruncatedBody(pattern, argument switch
                {
                    null => false,
                    _ when argument.Equals("chunked", StringComparison.OrdinalIgnoreCase) => true,
                    _ when argument.Equals("length", StringComparison.OrdinalIgnoreCase) => false,
                    _ => throw Bad(text, "TruncatedBody takes \"chunked\" or \"length\""),
                }),
                FaultMode.MalformedBody => MalformedBody(pattern),
                FaultMode.Slow => Slow(argument is null ? TimeSpan.FromSeconds(1) : ParseDuration(argument, text), pattern),
                FaultMode.RepeatedPageToken => RepeatedPageToken() with { Pattern = pattern },
                FaultMode.EndlessPages => EndlessPages() with { Pattern = pattern },
                _ => throw Bad(text, "unknown mode"),
            };
        }
        catch (ArgumentException ex)
        {
            throw Bad(text, ex.Message);
        }
    }

    public override string ToString()
    {
        var argument = Mode switch
        {
            FaultMode.ServerError => ":" + StatusCode.ToString(CultureInfo.InvariantCulture),
            FaultMode.Timeout or FaultMode.Slow => ":" + ((long)Delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms",
            FaultMode.TooManyRequests => ":" + RetryAfterSeconds.ToString(CultureInfo.InvariantCulture),
            FaultMode.TruncatedBody => Chunked ? ":chunked" : ":length",
            _ => "",
        };
        return Mode == FaultMode.None ? "None" : $"{Mode}{argument}@{Pattern}";
    }

    private static FaultPattern ParsePattern(string spec, string text)
    {
        var open = spec.IndexOf('(', StringComparison.Ordinal);
        var name = open >= 0 ? spec[..open].Trim() : spec;
        string[] args = [];
        if (open >= 0)
        {
            if (!spec.EndsWith(')'))
                throw Bad(text, "pattern arguments must be closed with ')'");
            args = spec[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries);
        }
        try
        {
            return name.ToUpperInvariant() switch
            {
                "ALWAYS" when args.Length == 0 => FaultPattern.Always,
                "EVERYNTH" when args.Length == 1 => FaultPattern.EveryNth(ParseInt(args[0], text)),
                "FIRSTN" when args.Length == 1 => FaultPattern.FirstN(ParseInt(args[0], text)),
                "PROBABILITY" when args.Length is 1 or 2 => FaultPattern.Probability(
                    double.Parse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture),
                    args.Length == 2 ? ParseInt(args[1], text) : 0),
                _ => throw Bad(text, $"unknown pattern \"{spec}\" (Always, EveryNth(n), FirstN(n), Probability(p,seed))"),
            };
        }
        catch (ArgumentException ex)
        {
            throw Bad(text, ex.Message);
        }
    }

    private static int ParseInt(string value, string text) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Bad(text, $"\"{value}\" is not a whole number");

    private static TimeSpan ParseDuration(string value, string text)
    {
        if (value.EndsWith("ms", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            return TimeSpan.FromMilliseconds(ms);
        if (value.EndsWith('s')
            && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span))
            return span;
        throw Bad(text, $"\"{value}\" is not a duration (e.g. 500ms, 30s, 00:00:30)");
    }

    private static TimeSpan NonNegative(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return value;
    }

    private static FormatException Bad(string text, string reason) => new($"Fault plan \"{text}\": {reason}");
}
