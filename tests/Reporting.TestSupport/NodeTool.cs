using System.Diagnostics;
using System.Text.Json;

namespace Reporting.TestSupport;

/// <summary>
/// Runs the independent Node.js clients in tests/interop (exceljs, the JavaScript Azure SDK), which
/// scripts/install-tools.sh installs. Fails the test with the script's stderr when it fails.
/// </summary>
public static class NodeTool
{
    public static async Task<JsonDocument> RunJsonAsync(string script, params string[] arguments)
    {
        var output = await RunAsync(script, arguments);
        return JsonDocument.Parse(output);
    }

    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var scriptPath = Path.Combine(RepositoryPaths.Interop, script);
        if (!Directory.Exists(Path.Combine(RepositoryPaths.Interop, "node_modules")))
            throw new InvalidOperationException("tests/interop/node_modules is missing: run scripts/install-tools.sh (the README's test command does).");

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stderr}");
        return await stdout;
    }
}
