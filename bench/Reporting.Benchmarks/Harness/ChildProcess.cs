using System.Diagnostics;
using System.Text.Json;

namespace Reporting.Benchmarks.Harness;

/// <summary>
/// Runs this benchmark program again as a child process for one probe, so the probe's working set and heap
/// are its own (not the parent's datasets) and its GC settings can differ. The probe prints one JSON line.
/// </summary>
internal static class ChildProcess
{
    /// <summary>A small gen0 budget: the sampled heap then follows live data, not uncollected garbage.</summary>
    public static readonly IReadOnlyDictionary<string, string> SmallGen0 = new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x400000" };

    public static async Task<JsonElement> RunProbeAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet Reporting.Benchmarks.dll`: the child needs the assembly path too.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet") start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        start.ArgumentList.Add("probe");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the probe process.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        var text = await output.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"Probe {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}");
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
