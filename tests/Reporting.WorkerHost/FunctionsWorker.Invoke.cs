using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

public sealed partial class FunctionsWorker
{
    /// <summary>
    /// Sends an InvocationRequest (inputs by binding name, trigger metadata, a trace context) and waits for the
    /// InvocationResponse. A failed invocation is a result with Status "Failure", not an exception.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(string functionName, IReadOnlyDictionary<string, RpcValue> inputData,
        IReadOnlyDictionary<string, RpcValue>? triggerMetadata = null, CancellationToken cancellationToken = default)
    {
        var (invocationId, response) = SendInvocation(Function(functionName), inputData, triggerMetadata ?? new Dictionary<string, RpcValue>());
        var answer = await WaitAsync(response, $"the InvocationResponse of {functionName}", cancellationToken);
        return Result(functionName, invocationId, answer);
    }

    /// <summary>A blob trigger bound to BlobClient: the blob's model binding data, and the path's {name} and BlobTrigger as metadata.</summary>
    public Task<InvocationResult> InvokeBlobAsync(string functionName, string blobName, CancellationToken cancellationToken = default)
    {
        var trigger = Function(functionName).Trigger;
        var path = trigger.Str("path");
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = slash > 0 ? path[..slash] : throw new InvalidOperationException($"{functionName}'s blob path '{path}' names no container.");
        var connection = trigger.Str("connection") is { Length: > 0 } named ? named : "AzureWebJobsStorage";

        var metadata = new Dictionary<string, RpcValue> { ["BlobTrigger"] = RpcValue.FromString($"{container}/{blobName}") };
        // A path such as "uploads/{name}" binds the whole blob name to {name}.
        var pattern = path[(slash + 1)..];
        if (pattern.StartsWith('{') && pattern.EndsWith('}') && pattern.IndexOf('}', StringComparison.Ordinal) == pattern.Length - 1)
            metadata[pattern[1..^1]] = RpcValue.FromString(blobName);

        var inputs = new Dictionary<string, RpcValue> { [trigger.Str("name")] = TriggerPayloads.BlobClient(connection, container, blobName) };
        return InvokeAsync(functionName, inputs, metadata, cancellationToken);
    }

    /// <summary>A timer tick with the given schedule status.</summary>
    public Task<InvocationResult> InvokeTimerAsync(string functionName, DateTime last, DateTime next, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var trigger = Function(functionName).Trigger;
        var inputs = new Dictionary<string, RpcValue> { [trigger.Str("name")] = TriggerPayloads.Timer(last, next, last, isPastDue) };
        return InvokeAsync(functionName, inputs, null, cancellationToken);
    }

    /// <summary>A queue message, as the host delivers it to a string or POCO parameter: the text, and the message's binding data.</summary>
    public Task<InvocationResult> InvokeQueueAsync(string functionName, string messageText, long dequeueCount, CancellationToken cancellationToken = default) =>
        InvokeQueueAsync(functionName, new QueueMessageProperties(
            messageText,
            dequeueCount,
            Guid.NewGuid().ToString(),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)),
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow.AddDays(7),
            DateTimeOffset.UtcNow.AddMinutes(10)), cancellationToken);

    public Task<InvocationResult> InvokeQueueAsync(string functionName, QueueMessageProperties message, CancellationToken cancellationToken = default)
    {
        var trigger = Function(functionName).Trigger;
        // The host binds a queue message to string when the binding names no other dataType.
        var inputs = new Dictionary<string, RpcValue> { [trigger.Str("name")] = RpcValue.FromString(message.Text) };
        return InvokeAsync(functionName, inputs, TriggerPayloads.QueueMetadata(message), cancellationToken);
    }

    private (string InvocationId, Task<JsonObject> Response) SendInvocation(FunctionInfo function,
        IReadOnlyDictionary<string, RpcValue> inputData, IReadOnlyDictionary<string, RpcValue> triggerMetadata)
    {
        var invocationId = Guid.NewGuid().ToString();
        var response = _server.Connection.Response("invocationResponse", invocationId);
        var metadata = new JsonObject();
        foreach (var (key, value) in triggerMetadata) metadata[key] = value.Copy();
        _server.Connection.Send(new JsonObject
        {
            ["invocationRequest"] = new JsonObject
            {
                ["invocationId"] = invocationId,
                ["functionId"] = function.Id,
                ["inputData"] = new JsonArray([.. inputData.Select(i => (JsonNode)new JsonObject { ["name"] = i.Key, ["data"] = i.Value.Copy() })]),
                ["triggerMetadata"] = metadata,
                // The worker reads trace_parent for every invocation (W3C traceparent, as the host's Activity gives).
                ["traceContext"] = new JsonObject
                {
                    ["traceParent"] = $"00-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-00",
                    ["traceState"] = "",
                    ["attributes"] = new JsonObject { ["OperationName"] = function.Name },
                },
            },
        });
        return (invocationId, response);
    }

    private InvocationResult Result(string functionName, string invocationId, JsonObject response) =>
        new(functionName, invocationId, response, [.. Logs.Where(l => l.InvocationId == invocationId)]);
}
