using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Reporting.Benchmarks.Harness;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// Process start to first result of `reporting validate` on a small valid file, and how much of it the JIT
/// takes (the CLI reports JitInfo when REPORTING_STARTUP_STATS=1), for the build as shipped and for variants
/// that change how code is compiled.
/// </summary>
internal static partial class StartupBenchmark
{
    private sealed record Variant(string Name, string Program, IReadOnlyList<string> Prefix, IReadOnlyDictionary<string, string> Environment);

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var runs = context.Quick ? 3 : 11;
        var sample = Path.Combine(context.RepositoryRoot, "samples", "consumption-2025-03.xlsx");
        var cli = Path.Combine(context.RepositoryRoot, "src", "Reporting.Cli", "bin", "Release", "net10.0", "reporting.dll");
        if (!File.Exists(cli)) throw new InvalidOperationException($"{cli} is missing: build the CLI in Release first (scripts/bench.sh does).");
        var none = new Dictionary<string, string>();
        var variants = new List<Variant>
        {
            new("As built (framework-dependent, tiered JIT)", "dotnet", [cli], none),
            new("TieredPGO off", "dotnet", [cli], new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "0" }),
            new("Tiered compilation off (everything fully optimised by the JIT)", "dotnet", [cli], new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" }),
            new("Framework ReadyToRun code ignored (DOTNET_ReadyToRun=0)", "dotnet", [cli], new Dictionary<string, string> { ["DOTNET_ReadyToRun"] = "0" }),
        };
        var readyToRun = Path.Combine(context.WorkDirectory, "cli-r2r", "reporting.dll");
        var publishNote = "";
        if (File.Exists(readyToRun)) variants.Add(new("Our assemblies published ReadyToRun (`PublishReadyToRun=true`)", "dotnet", [readyToRun], none));
        else publishNote = $"\n(No ReadyToRun build at `{readyToRun}`: scripts/bench.sh publishes one when the crossgen package restores.)\n";

        var rows = new List<string[]>();
        var data = new List<object>();
        foreach (var variant in variants)
        {
            context.Say($"startup: {variant.Name}");
            await RunOnceAsync(variant, sample).ConfigureAwait(false); // disk cache warm
            var results = new List<Run>();
            for (var i = 0; i < runs; i++) results.Add(await RunOnceAsync(variant, sample).ConfigureAwait(false));
            var firstOutput = Timing.Median(results.Select(r => r.FirstOutputSeconds).ToArray());
            var exit = Timing.Median(results.Select(r => r.ExitSeconds).ToArray());
            var jit = Timing.Median(results.Select(r => r.JitSeconds).ToArray());
            var methods = Timing.Median(results.Select(r => (double)r.Methods).ToArray());
            rows.Add([variant.Name, Milliseconds(firstOutput), Milliseconds(exit), Milliseconds(jit), Number(jit / exit * 100, "0") + " %", Number(methods)]);
            data.Add(new { variant.Name, variant.Environment, runs = results });
        }

        var markdown =
            $"`dotnet reporting.dll validate samples/consumption-2025-03.xlsx`, median of {runs} runs after one unmeasured run. \"First result\" is " +
            "process start to the first line on standard output; \"exit\" to the process's end. JIT time and methods compiled are the runtime's own " +
            "count (`System.Runtime.JitInfo`), printed by the CLI when `REPORTING_STARTUP_STATS=1`; JIT runs on a background thread too, so its " +
            "share can overlap other work.\n\n" +
            Table(["Variant", "First result", "Exit", "JIT time", "JIT share", "Methods JIT-compiled"], rows) + publishNote;
        return new Section("startup", "Start-up", markdown, [], data);
    }

    private sealed record Run(double FirstOutputSeconds, double ExitSeconds, double JitSeconds, int Methods);

    private static async Task<Run> RunOnceAsync(Variant variant, string sample)
    {
        var start = new ProcessStartInfo(variant.Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in variant.Prefix) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(sample);
        start.Environment["REPORTING_STARTUP_STATS"] = "1";
        foreach (var (key, value) in variant.Environment) start.Environment[key] = value;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errorText = process.StandardError.ReadToEndAsync();
        var firstLine = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false);
        var firstOutput = watch.Elapsed.TotalSeconds;
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        var exit = watch.Elapsed.TotalSeconds;
        var error = await errorText.ConfigureAwait(false);
        if (process.ExitCode != 0 || firstLine is null) throw new InvalidOperationException($"reporting validate failed ({process.ExitCode}): {error}");
        var stats = StatsLine().Match(error);
        if (!stats.Success) throw new InvalidOperationException("The CLI printed no startup-stats line: " + error);
        return new Run(firstOutput, exit,
            double.Parse(stats.Groups["jit"].Value, CultureInfo.InvariantCulture) / 1000,
            int.Parse(stats.Groups["methods"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"startup-stats jit_ms=(?<jit>[0-9.]+) methods=(?<methods>[0-9]+)")]
    private static partial Regex StatsLine();
}
