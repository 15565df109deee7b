using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Reporting.WorkerHost.Protocol;

/// <summary>
/// The language-worker protocol exactly as the worker knows it: the descriptor of its own generated
/// <c>StreamingMessage</c> (internal to Microsoft.Azure.Functions.Worker.Grpc, so reached by reflection).
/// Messages are built and read as protobuf JSON against that descriptor; no .proto is copied here.
/// </summary>
internal static class RpcSchema
{
    private const string GrpcAssembly = "Microsoft.Azure.Functions.Worker.Grpc";
    private const string StreamingMessageType = "Microsoft.Azure.Functions.Worker.Grpc.Messages.StreamingMessage";

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public static MessageDescriptor StreamingMessage { get; } = LoadStreamingMessage();

    public static Marshaller<IMessage> Marshaller { get; } =
        Marshallers.Create<IMessage>(message => message.ToByteArray(), bytes => StreamingMessage.Parser.ParseFrom(bytes));

    /// <summary>The one RPC of the protocol: a bidirectional stream of StreamingMessage.</summary>
    public static Method<IMessage, IMessage> EventStream { get; } =
        new(MethodType.DuplexStreaming, "AzureFunctionsRpcMessages.FunctionRpc", "EventStream", Marshaller, Marshaller);

    public static IMessage FromJson(JsonObject message) => Parser.Parse(message.ToJsonString(), StreamingMessage);

    public static JsonObject ToJson(IMessage message) =>
        JsonNode.Parse(Formatter.Format(message)) as JsonObject ?? throw new InvalidOperationException("A StreamingMessage did not format as a JSON object.");

    private static MessageDescriptor LoadStreamingMessage()
    {
        var type = System.Reflection.Assembly.Load(GrpcAssembly).GetType(StreamingMessageType, throwOnError: true)!;
        var property = type.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            ?? throw new InvalidOperationException($"{StreamingMessageType} has no public static Descriptor.");
        return (MessageDescriptor)property.GetValue(null)!;
    }
}
