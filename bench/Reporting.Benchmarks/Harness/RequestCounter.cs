using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Reporting.Benchmarks.Harness;

/// <summary>Counts storage requests as they are sent (retries included), by service and kind of operation.</summary>
internal sealed class RequestCounter(int tablePort) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public override void OnSendingRequest(HttpMessage message) =>
        _counts.AddOrUpdate(Classify(message.Request), 1, (_, n) => n + 1);

    public int Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, int> Snapshot() => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    private string Classify(Request request)
    {
        var uri = request.Uri.ToUri();
        var method = request.Method.ToString();
        if (uri.Port == tablePort)
        {
            var path = uri.AbsolutePath;
            if (path.EndsWith("$batch", StringComparison.Ordinal)) return "table batch";
            if (method == "GET") return path.Contains("PartitionKey='", StringComparison.Ordinal) ? "table point read" : "table query";
            return "table write";
        }

        var query = uri.Query;
        if (query.Contains("comp=list", StringComparison.Ordinal)) return "blob list";
        if (query.Contains("restype=container", StringComparison.Ordinal)) return "blob container";
        return "blob " + method;
    }
}
