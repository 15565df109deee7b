using System.Text.Json.Nodes;

namespace Reporting.WorkerHost.Protocol;

/// <summary>Reading protobuf JSON, where fields at their default value are left out.</summary>
internal static class Json
{
    public static string Str(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static JsonObject Obj(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonObject child ? child : [];

    public static JsonArray Arr(this JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray array ? array : [];

    /// <summary>The one field set in a StreamingMessage's content oneof, e.g. "rpcLog".</summary>
    public static string ContentCase(JsonObject message) =>
        message.Select(p => p.Key).FirstOrDefault(k => k != "requestId") ?? "";
}
