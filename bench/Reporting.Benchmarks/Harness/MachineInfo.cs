using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Reporting.Benchmarks.Harness;

/// <summary>The machine and software a run was measured on, as the results document states it.</summary>
internal sealed record MachineInfo(string Date, string Cpu, int Cores, string Memory, string Os, string Runtime, string Azurite, string Commit)
{
    public static MachineInfo Read(string repositoryRoot, TimeProvider time) => new(
        time.GetUtcNow().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        CpuModel(),
        Environment.ProcessorCount,
        string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB"),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        AzuriteVersion(repositoryRoot),
        Git(repositoryRoot, "rev-parse --short HEAD") + (Git(repositoryRoot, "status --porcelain --untracked-files=no").Length > 0 ? " (with uncommitted changes)" : ""));

    private static string CpuModel()
    {
        const string file = "/proc/cpuinfo";
        if (!File.Exists(file)) return RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string AzuriteVersion(string root)
    {
        var lockFile = Path.Combine(root, "tools", "azurite", "package.json");
        if (!File.Exists(lockFile)) return "unknown";
        using var json = JsonDocument.Parse(File.ReadAllText(lockFile));
        return json.RootElement.TryGetProperty("dependencies", out var deps) && deps.TryGetProperty("azurite", out var v) ? v.GetString() ?? "unknown" : "unknown";
    }

    private static string Git(string root, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
