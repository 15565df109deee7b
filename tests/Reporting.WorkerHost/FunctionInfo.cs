using System.Text.Json.Nodes;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

/// <summary>One function as the worker indexed it (an RpcFunctionMetadata of the FunctionMetadataResponse).</summary>
public sealed class FunctionInfo
{
    internal FunctionInfo(JsonObject metadata)
    {
        Metadata = metadata;
        Id = metadata.Str("functionId");
        Name = metadata.Str("name");
        ScriptFile = metadata.Str("scriptFile");
        EntryPoint = metadata.Str("entryPoint");
        RawBindings = [.. metadata.Arr("rawBindings").Select(b => b!.GetValue<string>())];
        Bindings = [.. RawBindings.Select(raw => (JsonObject)JsonNode.Parse(raw)!)];
    }

    public string Id { get; }
    public string Name { get; }
    public string ScriptFile { get; }
    public string EntryPoint { get; }

    /// <summary>The bindings as the worker wrote them (function.json style JSON strings).</summary>
    public IReadOnlyList<string> RawBindings { get; }

    /// <summary>The raw bindings parsed.</summary>
    public IReadOnlyList<JsonObject> Bindings { get; }

    /// <summary>The binding whose type ends with "Trigger".</summary>
    public JsonObject Trigger =>
        Bindings.SingleOrDefault(b => b.Str("type").EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"Function {Name} has no trigger binding.");

    public string TriggerType => Trigger.Str("type");

    /// <summary>The whole RpcFunctionMetadata, as the worker sent it.</summary>
    internal JsonObject Metadata { get; }

    public override string ToString() => $"{Name} ({TriggerType})";
}
