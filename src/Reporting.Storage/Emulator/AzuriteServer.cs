using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reporting.Storage.Emulator;

/// <summary>Options for an Azurite process started by the pipeline (tests, demo, serve).</summary>
public sealed record AzuriteServerOptions
{
    /// <summary>Folder for on-disk persistence; null keeps everything in memory.</summary>
    public string? Location { get; init; }

    /// <summary>Fixed ports (to restart on the same endpoints); null picks free ports.</summary>
    public int? BlobPort { get; init; }
    public int? QueuePort { get; init; }
    public int? TablePort { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// A real Azurite listening on loopback, started as a child process and stopped on dispose.
/// Its connection string uses the well-known development account.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // The emulator's documented, public development account key (not a secret).
    private const string DevAccountName = "devstoreaccount1";
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteServer(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort, AzuriteServerOptions options)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        Options = options;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public AzuriteServerOptions Options { get; }
    public bool HasExited => _process.HasExited;

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={DevAccountName};AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevAccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccountName};");

    public static async Task<AzuriteServer> StartAsync(AzuriteServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteServerOptions();
        var command = AzuriteLocator.Find() ?? throw new InvalidOperationException(AzuriteLocator.NotFoundMessage);

        // Free ports are picked by binding port 0 and releasing it; another process could take one in
        // between, so a failed start with picked ports is retried with new ones.
        var attempts = options.BlobPort is null ? 3 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var blobPort = options.BlobPort ?? FreePort();
            var queuePort = options.QueuePort ?? FreePort();
            var tablePort = options.TablePort ?? FreePort();
            try
            {
                return await StartOnceAsync(command, options, blobPort, queuePort, tablePort, cancellationToken).ConfigureAwait(false);
            }
            catch (AzuriteStartException) when (attempt < attempts)
            {
            }
        }
    }

    private static async Task<AzuriteServer> StartOnceAsync(
        AzuriteCommand command, AzuriteServerOptions options, int blobPort, int queuePort, int tablePort, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.LeadingArguments) start.ArgumentList.Add(argument);
        string[] arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry",
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (options.Location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(options.Location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(options.Location);
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        if (!process.Start()) throw new AzuriteStartException("Azurite did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, output, blobPort, queuePort, tablePort, options);
        try
        {
            await server.WaitUntilAnsweringAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = System.Diagnostics.Stopwatch.StartNew(); // elapsed time, not the clock: a start-up deadline
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
                throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode} while starting:\n{Output}");
            if (await AnswersAsync(http, BlobPort, cancellationToken).ConfigureAwait(false) &&
                await AnswersAsync(http, TablePort, cancellationToken).ConfigureAwait(false) &&
                await AnswersAsync(http, QueuePort, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (waited.Elapsed > timeout)
                throw new AzuriteStartException($"Azurite did not answer within {timeout.TotalSeconds:0} s:\n{Output}");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, int port, CancellationToken cancellationToken)
    {
        try
        {
            // Any HTTP answer (403 without credentials) proves the service listens.
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{DevAccountName}"), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>
    /// Stops Azurite as an operator would (SIGTERM), so it writes its on-disk databases first: it saves them
    /// only every few seconds, and a killed Azurite with a Location loses the last writes. Kills it if it
    /// has not exited within 10 s (or on Windows, which has no SIGTERM).
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (!_process.HasExited && !OperatingSystem.IsWindows())
        {
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
            {
                if (kill is not null) await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the process (and its children) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class AzuriteStartException(string message) : Exception(message);
