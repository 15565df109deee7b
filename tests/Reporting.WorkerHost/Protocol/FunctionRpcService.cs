using Google.Protobuf;
using Grpc.Core;

namespace Reporting.WorkerHost.Protocol;

/// <summary>
/// The FunctionRpc service, bound by hand to the worker's own descriptor (no generated base class).
/// Grpc.AspNetCore finds the handler by name and binds it only when it is public and virtual.
/// </summary>
[BindServiceMethod(typeof(FunctionRpcService), nameof(BindService))]
internal class FunctionRpcService(WorkerConnection connection)
{
    public static void BindService(ServiceBinderBase binder, FunctionRpcService? service) =>
        binder.AddMethod(RpcSchema.EventStream, (DuplexStreamingServerMethod<IMessage, IMessage>?)null);

    public virtual Task EventStream(IAsyncStreamReader<IMessage> requests, IServerStreamWriter<IMessage> responses, ServerCallContext context) =>
        connection.RunAsync(requests, responses, context.CancellationToken);
}
