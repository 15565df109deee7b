using System.Text.Json.Nodes;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

/// <summary>
/// One RpcLog from the worker: its own lines (log category "System") and the functions' lines ("User",
/// with the invocation id). Level is the protocol's name: Trace, Debug, Information, Warning, Error, Critical.
/// </summary>
public sealed record WorkerLog(
    string InvocationId,
    string Category,
    string Level,
    string Message,
    string LogCategory,
    string? ExceptionMessage,
    string? ExceptionStackTrace)
{
    internal static WorkerLog From(JsonObject rpcLog)
    {
        var exception = rpcLog["exception"] as JsonObject;
        return new WorkerLog(
            rpcLog.Str("invocationId"),
            rpcLog.Str("category"),
            // Trace is the enum's zero value, which protobuf JSON leaves out.
            rpcLog.Str("level") is { Length: > 0 } level ? level : "Trace",
            rpcLog.Str("message"),
            rpcLog.Str("logCategory") is { Length: > 0 } category ? category : "User",
            exception?.Str("message"),
            exception?.Str("stackTrace"));
    }

    public override string ToString() =>
        $"[{Level}] {Category}: {Message}" + (ExceptionMessage is null ? "" : $" ({ExceptionMessage})");
}
