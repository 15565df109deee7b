using System.Text.Json.Nodes;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

/// <summary>The worker's InvocationResponse: success or failure (with the exception as the worker reported it).</summary>
public sealed class InvocationResult
{
    internal InvocationResult(string functionName, string invocationId, JsonObject response, IReadOnlyList<WorkerLog> logs)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        var result = response.Obj("result");
        // Failure is the Status enum's zero value, which protobuf JSON leaves out.
        Status = result.Str("status") is { Length: > 0 } status ? status : "Failure";
        var exception = result["exception"] as JsonObject;
        ExceptionMessage = exception?.Str("message");
        ExceptionStackTrace = exception?.Str("stackTrace");
        ReturnValue = response["returnValue"] is JsonObject value ? new RpcValue(value) : null;
        OutputData = response.Arr("outputData").OfType<JsonObject>()
            .ToDictionary(b => b.Str("name"), b => new RpcValue(b.Obj("data")));
        Logs = logs;
    }

    public string FunctionName { get; }
    public string InvocationId { get; }

    /// <summary>Success, Failure or Cancelled.</summary>
    public string Status { get; }

    public bool Succeeded => Status == "Success";
    public string? ExceptionMessage { get; }
    public string? ExceptionStackTrace { get; }
    public RpcValue? ReturnValue { get; }
    public IReadOnlyDictionary<string, RpcValue> OutputData { get; }

    /// <summary>The worker's log lines for this invocation received until its response.</summary>
    public IReadOnlyList<WorkerLog> Logs { get; }

    public override string ToString() =>
        $"{FunctionName} {InvocationId}: {Status}" + (ExceptionMessage is null ? "" : $"\n{ExceptionMessage}\n{ExceptionStackTrace}");
}

/// <summary>A protocol TypedData value: which kind it is ("string", "json", "bytes", "http", ...) and its JSON.</summary>
public sealed record RpcValue(JsonObject Raw)
{
    public string Kind => Raw.Select(p => p.Key).FirstOrDefault() ?? "";
    public string? String => Raw["string"]?.GetValue<string>();
    public string? Json => Raw["json"]?.GetValue<string>();

    public static RpcValue FromString(string value) => new(new JsonObject { ["string"] = value });

    /// <summary>A JSON text, as the host sends POCOs, numbers and dates it serialized with Newtonsoft.Json.</summary>
    public static RpcValue FromJson(string json) => new(new JsonObject { ["json"] = json });

    /// <summary>Deferred binding (e.g. BlobClient): the extension in the worker builds the SDK client from this.</summary>
    public static RpcValue FromModelBindingData(string source, string contentType, byte[] content, string version = "1.0") =>
        new(new JsonObject
        {
            ["modelBindingData"] = new JsonObject
            {
                ["version"] = version,
                ["source"] = source,
                ["contentType"] = contentType,
                ["content"] = Convert.ToBase64String(content),
            },
        });

    /// <summary>The HTTP trigger's input when the worker proxies HTTP: an empty RpcHttp (the request itself travels over HTTP).</summary>
    public static RpcValue EmptyHttp() => new(new JsonObject { ["http"] = new JsonObject() });

    internal JsonObject Copy() => (JsonObject)Raw.DeepClone();
}
