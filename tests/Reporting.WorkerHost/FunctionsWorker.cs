using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

/// <summary>
/// A built Functions app (isolated worker) running as a process, with this object as its Functions host:
/// the worker connects to our gRPC server, we initialize it, read its function metadata, load the
/// functions and invoke them as Azure's host would. Dispose sends WorkerTerminate.
/// </summary>
public sealed partial class FunctionsWorker : IAsyncDisposable
{
    // What Azure's host reports about itself; the worker only logs it.
    private const string HostVersion = "4.1044.0.0";

    private readonly RpcServer _server;
    private readonly WorkerProcess _process;
    private readonly Dictionary<string, FunctionInfo> _byName;
    private int? _exitCode;

    private FunctionsWorker(string appDirectory, WorkerTimeouts timeouts, RpcServer server, WorkerProcess process,
        JsonObject initResponse, IReadOnlyList<FunctionInfo> functions, TimeSpan startup)
    {
        AppDirectory = appDirectory;
        Timeouts = timeouts;
        _server = server;
        _process = process;
        Capabilities = initResponse.Obj("capabilities").ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "");
        Functions = functions;
        _byName = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        StartupTime = startup;
        _http = new Lazy<HttpClient>(CreateProxyClient);
        _routePrefix = new Lazy<string>(() => ReadRoutePrefix(appDirectory));
    }

    public string AppDirectory { get; }
    public WorkerTimeouts Timeouts { get; }

    /// <summary>The capabilities of the worker's WorkerInitResponse (e.g. HttpUri with ASP.NET Core integration).</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; }

    /// <summary>Every function the worker indexed.</summary>
    public IReadOnlyList<FunctionInfo> Functions { get; }

    /// <summary>Process start until the function metadata arrived.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Every RpcLog the worker sent so far.</summary>
    public IReadOnlyList<WorkerLog> Logs => _server.Connection.Logs;

    /// <summary>The worker's stdout and stderr so far.</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.Exited.IsCompleted;

    public FunctionInfo Function(string name) =>
        _byName.TryGetValue(name, out var function) ? function : throw new ArgumentException($"The worker has no function {name}; it has {string.Join(", ", _byName.Keys)}.", nameof(name));

    /// <summary>
    /// Starts the worker in <paramref name="appDirectory"/> (the build output) with these app settings as its
    /// environment, and waits until it has sent its function metadata. Throws <see cref="WorkerStartException"/>
    /// (with the process's output and exit code) when it exits or overruns <see cref="WorkerTimeouts.Startup"/>.
    /// </summary>
    public static async Task<FunctionsWorker> StartAsync(string appDirectory, IReadOnlyDictionary<string, string?> settings,
        WorkerTimeouts? timeouts = null, CancellationToken cancellationToken = default)
    {
        timeouts ??= WorkerTimeouts.Default;
        appDirectory = Path.GetFullPath(appDirectory);
        var assembly = WorkerAssembly(appDirectory);
        var server = await RpcServer.StartAsync(cancellationToken);
        WorkerProcess? process = null;
        try
        {
            var connection = server.Connection;
            var startStream = connection.Response("startStream");
            var clock = Stopwatch.StartNew();
            process = WorkerProcess.Start(appDirectory, assembly, server.Uri, Guid.NewGuid().ToString(), settings);
            var step = new StartStep(process, connection, clock, timeouts.Startup, cancellationToken);

            await step.WaitAsync(startStream, "StartStream");

            var init = connection.Response("workerInitResponse");
            connection.Send(new JsonObject
            {
                ["workerInitRequest"] = new JsonObject
                {
                    ["hostVersion"] = HostVersion,
                    // For dotnet-isolated the worker's folder (with worker.config.json) is the app's output.
                    ["workerDirectory"] = appDirectory,
                    ["functionAppDirectory"] = appDirectory,
                    // The host advertises multiple streams; the .NET worker opens one all the same.
                    ["capabilities"] = new JsonObject { ["MultiStream"] = "10" },
                },
            });
            var initResponse = await step.WaitAsync(init, "WorkerInitResponse");
            step.EnsureSuccess(initResponse, "WorkerInitResponse");

            var metadata = connection.Response("functionMetadataResponse");
            connection.Send(new JsonObject { ["functionsMetadataRequest"] = new JsonObject { ["functionAppDirectory"] = appDirectory } });
            var metadataResponse = await step.WaitAsync(metadata, "FunctionMetadataResponse");
            step.EnsureSuccess(metadataResponse, "FunctionMetadataResponse");
            var functions = metadataResponse.Arr("functionMetadataResults").OfType<JsonObject>().Select(m => new FunctionInfo(m)).ToList();

            return new FunctionsWorker(appDirectory, timeouts, server, process, initResponse, functions, clock.Elapsed);
        }
        catch
        {
            process?.Dispose();
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a FunctionLoadRequest for every function (its metadata echoed) and waits for each response.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var function in Functions)
        {
            var loaded = _server.Connection.Response("functionLoadResponse", function.Id);
            _server.Connection.Send(new JsonObject
            {
                ["functionLoadRequest"] = new JsonObject
                {
                    ["functionId"] = function.Id,
                    ["metadata"] = LoadMetadata(function),
                },
            });
            var response = await WaitAsync(loaded, $"the FunctionLoadResponse of {function.Name}", cancellationToken);
            if (response.Obj("result").Str("status") != "Success")
                throw new InvalidOperationException($"The worker failed to load {function.Name}: {response.Obj("result")}\n{Output}");
        }
    }

    /// <summary>Sends WorkerTerminate, waits for the process to exit (kills it after the shutdown timeout) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_exitCode is { } known) return known;
        if (!_process.Exited.IsCompleted)
        {
            try
            {
                var grace = (int)Timeouts.Shutdown.TotalSeconds;
                _server.Connection.Send(new JsonObject { ["workerTerminate"] = new JsonObject { ["gracePeriod"] = $"{grace}s" } });
            }
            catch (InvalidOperationException)
            {
                // The stream is closed already.
            }

            if (await Task.WhenAny(_process.Exited, Task.Delay(Timeouts.Shutdown)) != _process.Exited) _process.Kill();
        }

        _exitCode = await _process.Exited;
        return _exitCode.Value;
    }

    /// <summary>Kills the process at once, as an instance that crashes or is recycled mid-invocation; returns its exit code.</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.Exited.IsCompleted) _process.Kill();
        _exitCode = await _process.Exited;
        return _exitCode.Value;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            if (_http.IsValueCreated) _http.Value.Dispose();
            await _server.DisposeAsync();
        }
    }

    /// <summary>Waits for a worker message; fails with the worker's output when it exits or overruns the request timeout.</summary>
    private async Task<JsonObject> WaitAsync(Task<JsonObject> response, string what, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(Timeouts.Request, timeout.Token);
        var done = await Task.WhenAny(response, _process.Exited, delay);
        await timeout.CancelAsync();
        if (done == response) return await response;
        cancellationToken.ThrowIfCancellationRequested();
        if (done == _process.Exited)
            throw new InvalidOperationException($"The worker exited with code {await _process.Exited} while the host waited for {what}.\n{Output}");
        throw new TimeoutException($"The worker did not send {what} within {Timeouts.Request.TotalSeconds:0} s.\n{Output}");
    }

    /// <summary>The RpcFunctionMetadata sent back in FunctionLoadRequest, with the bindings map the host builds from the raw bindings.</summary>
    private static JsonObject LoadMetadata(FunctionInfo function)
    {
        var metadata = (JsonObject)function.Metadata.DeepClone();
        if (metadata["bindings"] is JsonObject { Count: > 0 }) return metadata;
        var bindings = new JsonObject();
        foreach (var binding in function.Bindings)
        {
            var info = new JsonObject
            {
                ["type"] = binding.Str("type"),
                ["direction"] = binding.Str("direction").ToLowerInvariant() is { Length: > 0 } direction ? direction : "in",
            };
            if (binding.Str("dataType") is { Length: > 0 } dataType) info["dataType"] = dataType.ToLowerInvariant();
            if (binding["properties"] is JsonObject { Count: > 0 } properties)
                info["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value?.ToString())));
            bindings[binding.Str("name")] = info;
        }

        metadata["bindings"] = bindings;
        return metadata;
    }

    private static string WorkerAssembly(string appDirectory)
    {
        var config = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(config))
            throw new FileNotFoundException($"No worker.config.json in {appDirectory}: is it the Functions app's build output?", config);
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString()
            ?? throw new InvalidOperationException($"{config} names no defaultWorkerPath.");
    }

    /// <summary>The start-up waits, sharing one deadline; any failure becomes a WorkerStartException.</summary>
    private sealed class StartStep(WorkerProcess process, WorkerConnection connection, Stopwatch clock, TimeSpan limit, CancellationToken cancellationToken)
    {
        public async Task<JsonObject> WaitAsync(Task<JsonObject> message, string what)
        {
            var remaining = limit - clock.Elapsed;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = remaining > TimeSpan.Zero ? Task.Delay(remaining, timeout.Token) : Task.CompletedTask;
            var done = await Task.WhenAny(message, process.Exited, delay);
            await timeout.CancelAsync();
            if (done == message) return await message;
            cancellationToken.ThrowIfCancellationRequested();
            if (done == process.Exited)
            {
                var code = await process.Exited;
                throw new WorkerStartException($"The worker exited with code {code} before {what}.", code, process.Output, connection.Logs);
            }

            process.Kill();
            throw new WorkerStartException($"The worker did not send {what} within {limit.TotalSeconds:0} s of its start.", null, process.Output, connection.Logs);
        }

        public void EnsureSuccess(JsonObject response, string what)
        {
            var result = response.Obj("result");
            if (result.Str("status") == "Success") return;
            process.Kill();
            throw new WorkerStartException($"The worker answered {what} with a failure: {result.Obj("exception").Str("message")}", null, process.Output, connection.Logs);
        }
    }
}
