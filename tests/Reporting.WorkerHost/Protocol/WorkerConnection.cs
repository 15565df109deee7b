using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;

namespace Reporting.WorkerHost.Protocol;

/// <summary>
/// The host's end of one worker's event stream: queues what the host sends, and routes what the worker
/// sends to whoever waits for it (a response keyed by kind and id) or to the log list.
/// </summary>
internal sealed class WorkerConnection
{
    private readonly Channel<IMessage> _outbound = Channel.CreateUnbounded<IMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonObject>> _responses = new();
    private readonly List<WorkerLog> _logs = [];
    private int _streams;

    public IReadOnlyList<WorkerLog> Logs
    {
        get { lock (_logs) return [.. _logs]; }
    }

    /// <summary>Raised for every RpcLog, as it arrives.</summary>
    public event Action<WorkerLog>? LogReceived;

    /// <summary>
    /// The task that completes with the worker's message of this kind and key (the field holding the
    /// message, e.g. "functionLoadResponse", and its id). Ask before sending the request: no reply is lost.
    /// </summary>
    public Task<JsonObject> Response(string kind, string key = "") => Slot(kind, key).Task;

    public void Send(JsonObject streamingMessage)
    {
        streamingMessage["requestId"] ??= Guid.NewGuid().ToString();
        if (!_outbound.Writer.TryWrite(RpcSchema.FromJson(streamingMessage)))
            throw new InvalidOperationException("The connection to the worker is closed.");
    }

    public void Close() => _outbound.Writer.TryComplete();

    /// <summary>Serves one EventStream call until the worker closes it.</summary>
    public async Task RunAsync(IAsyncStreamReader<IMessage> requests, IServerStreamWriter<IMessage> responses, CancellationToken cancellationToken)
    {
        // The worker opens one stream; should another appear, only the first one carries the host's messages.
        var primary = Interlocked.Increment(ref _streams) == 1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writing = primary ? WriteAsync(responses, stop.Token) : Task.CompletedTask;
        try
        {
            while (await requests.MoveNext(cancellationToken))
                Dispatch(RpcSchema.ToJson(requests.Current));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            // The worker went away; waiters notice through the process exit or their timeouts.
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await writing;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task WriteAsync(IServerStreamWriter<IMessage> responses, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            await responses.WriteAsync(message, cancellationToken);
    }

    private void Dispatch(JsonObject message)
    {
        var kind = Json.ContentCase(message);
        var body = message.Obj(kind);
        switch (kind)
        {
            case "rpcLog":
                var log = WorkerLog.From(body);
                lock (_logs) _logs.Add(log);
                LogReceived?.Invoke(log);
                break;
            case "functionLoadResponse":
                Slot(kind, body.Str("functionId")).TrySetResult(body);
                break;
            case "invocationResponse":
                Slot(kind, body.Str("invocationId")).TrySetResult(body);
                break;
            default:
                // startStream, workerInitResponse, functionMetadataResponse, workerStatusResponse, ...
                Slot(kind, "").TrySetResult(body);
                break;
        }
    }

    private TaskCompletionSource<JsonObject> Slot(string kind, string key) =>
        _responses.GetOrAdd(kind + "/" + key, _ => new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously));
}
