using System.Diagnostics;
using System.Text;

namespace Reporting.WorkerHost;

/// <summary>
/// The worker process, started as Azure's host starts a dotnet-isolated worker: `dotnet App.dll` with the
/// --functions-* arguments, and an environment of only the app settings plus the few variables a process
/// needs (PATH, HOME, ...), so nothing from the test process leaks in. Captures stdout and stderr.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    // Machine variables a .NET process needs; everything else comes from the caller's app settings.
    private static readonly string[] PassedThrough = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "DOTNET_ROOT", "DOTNET_ROOT_X64", "LANG", "LC_ALL", "SSL_CERT_DIR", "SSL_CERT_FILE"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        // A worker that a test forgot to dispose must not outlive the test run.
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>Completes with the exit code when the process exits.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(-1);

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static WorkerProcess Start(string appDirectory, string assemblyName, Uri rpcUri, string workerId, IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        string[] arguments =
        [
            Path.Combine(appDirectory, assemblyName),
            "--functions-uri", rpcUri.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            // 0 would cap messages at 0 bytes; the host passes int.MaxValue.
            "--functions-grpc-max-message-length", "2147483647",
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var inherited = start.Environment.Where(e => PassedThrough.Contains(e.Key)).ToList();
        start.Environment.Clear();
        foreach (var (key, value) in inherited) start.Environment[key] = value;
        foreach (var (key, value) in settings) start.Environment[key] = value;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data, "");
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data, "stderr: ");
        if (!process.Start()) throw new InvalidOperationException("The worker process did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        worker.Exited = worker.WaitForExitCodeAsync();
        return worker;
    }

    private async Task<int> WaitForExitCodeAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    private void Append(string? line, string prefix)
    {
        if (line is null) return;
        lock (_output) _output.Append(prefix).AppendLine(line);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited in the meantime.
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        _process.Dispose();
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    // `dotnet test` names the muxer it runs under; otherwise the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
