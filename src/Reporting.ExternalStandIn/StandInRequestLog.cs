using System.Collections.Concurrent;

namespace Reporting.ExternalStandIn;

/// <summary>One request the stand-in received. Status is 0 while the request is still being answered.</summary>
public sealed class StandInRequest
{
    internal StandInRequest(long sequence, DateTimeOffset receivedAt, string method, string path, string query, StandInApi? api)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        Query = query;
        Api = api;
    }

    public long Sequence { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The raw query string, including the leading '?', or empty.</summary>
    public string Query { get; }

    /// <summary>The API the path names, or null for an unknown path.</summary>
    public StandInApi? Api { get; }

    /// <summary>The fault applied to this request (<see cref="FaultMode.None"/> when healthy).</summary>
    public FaultMode Fault { get; internal set; }

    /// <summary>The status sent, or 0 while in progress.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>True when the connection was aborted (by the client giving up or by a truncation fault).</summary>
    public bool Aborted { get; internal set; }

    public override string ToString() =>
        $"#{Sequence} {Method} {Path}{Query} -> {StatusCode}{(Aborted ? " (aborted)" : "")}{(Fault == FaultMode.None ? "" : $" [{Fault}]")}";
}

/// <summary>Counters per API and method (every request counted, tests assert retry counts) and a bounded log.</summary>
public sealed class StandInRequestLog(int capacity)
{
    private readonly ConcurrentDictionary<(StandInApi? Api, string Method), int> _counts = new();
    private readonly Queue<StandInRequest> _entries = new();
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>Requests to <paramref name="api"/>, any method.</summary>
    public int Count(StandInApi api) => _counts.Where(pair => pair.Key.Api == api).Sum(pair => pair.Value);

    /// <summary>Requests to <paramref name="api"/> with <paramref name="method"/> (e.g. "GET", "POST").</summary>
    public int Count(StandInApi api, string method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return _counts.TryGetValue((api, method.ToUpperInvariant()), out var count) ? count : 0;
    }

    /// <summary>All requests, including unknown paths.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>The most recent requests (up to the capacity), oldest first.</summary>
    public IReadOnlyList<StandInRequest> Snapshot()
    {
        lock (_gate)
            return [.. _entries];
    }

    /// <summary>Forgets every counter and entry.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _counts.Clear();
            _entries.Clear();
        }
    }

    internal StandInRequest Record(DateTimeOffset now, string method, string path, string query, StandInApi? api)
    {
        var entry = new StandInRequest(Interlocked.Increment(ref _sequence), now, method.ToUpperInvariant(), path, query, api);
        lock (_gate)
        {
            _counts.AddOrUpdate((api, entry.Method), 1, (_, count) => count + 1);
            _entries.Enqueue(entry);
            while (_entries.Count > capacity)
                _entries.Dequeue();
        }
        return entry;
    }
}
