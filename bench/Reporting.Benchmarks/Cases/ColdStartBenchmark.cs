using System.Diagnostics;
using System.Text.Json;
using Reporting.Benchmarks.Harness;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.WorkerHost;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// Cold start of the Functions worker, driven as Azure's host drives it (tests/Reporting.WorkerHost): process start to
/// every function loaded, and to the first upload processed through ProcessUpload, for the build and the ReadyToRun
/// publish. Each run is a new process on a warm disk cache, against one Azurite with the registry imported.
/// </summary>
internal static class ColdStartBenchmark
{
    private const double ReadyTarget = 1.0;
    private const double FirstUploadTarget = 2.0;

    private sealed record Variant(string Name, string Directory, bool Targeted);

    private sealed record Run(double Ready, double FirstUpload, double Invocation);

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var runs = context.Quick ? 3 : 9;
        var built = Path.Combine(context.RepositoryRoot, "functions", "Reporting.Functions", "bin", "Release", "net10.0", "linux-x64");
        if (!File.Exists(Path.Combine(built, "Reporting.Functions.dll")))
            throw new InvalidOperationException($"{built} is missing: build functions/Reporting.Functions in Release first (scripts/bench.sh does).");
        var variants = new List<Variant> { new("As built (`dotnet build`, JIT)", built, false) };
        var published = Path.Combine(context.WorkDirectory, "functions-r2r");
        var note = "";
        if (File.Exists(Path.Combine(published, "Reporting.Functions.dll"))) variants.Add(new("Published ReadyToRun (`dotnet publish`, as deployed)", published, true));
        else note = $"\n(No ReadyToRun publish at `{published}`: scripts/bench.sh publishes one.)\n";

        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        await using var pipeline = await BenchPipeline.CreateAsync(azurite.ConnectionString, "").ConfigureAwait(false);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry()).ConfigureAwait(false);
        var report = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());
        var settings = Settings(context.RepositoryRoot, azurite.ConnectionString);

        var rows = new List<string[]>();
        var verdicts = new List<Verdict>();
        var data = new List<object>();
        var n = 0;
        foreach (var variant in variants)
        {
            context.Say($"cold start: {variant.Name}");
            var results = new List<Run>();
            for (var i = 0; i <= runs; i++)
            {
                // A new upload each run (a correction of the month, processed in full); run 0 warms the disk cache.
                var name = $"KZ-DM-0016/cold-start-{n++:D3}.xlsx";
                await pipeline.Clients.Uploads.GetBlobClient(name).UploadAsync(new BinaryData(report)).ConfigureAwait(false);
                var run = await RunOnceAsync(variant.Directory, settings, name).ConfigureAwait(false);
                if (i > 0) results.Add(run);
            }

            var ready = Timing.Median(results.Select(r => r.Ready).ToArray());
            var first = Timing.Median(results.Select(r => r.FirstUpload).ToArray());
            var invocation = Timing.Median(results.Select(r => r.Invocation).ToArray());
            rows.Add([variant.Name, Milliseconds(ready), Milliseconds(invocation), Milliseconds(first),
                $"{Milliseconds(results.Min(r => r.FirstUpload))}–{Milliseconds(results.Max(r => r.FirstUpload))}"]);
            if (variant.Targeted)
            {
                verdicts.Add(new Verdict($"Functions worker cold start ({variant.Name}): ready ≤ 1 s", Milliseconds(ready), ready <= ReadyTarget));
                verdicts.Add(new Verdict($"Functions worker cold start ({variant.Name}): first upload processed ≤ 2 s", Milliseconds(first), first <= FirstUploadTarget));
            }

            data.Add(new { variant.Name, runs = results });
        }

        var markdown =
            $"The built worker (`Reporting.Functions.dll`) started by the test host of `tests/Reporting.WorkerHost` with the settings of " +
            $"`local.settings.sample.json`, as Azure's host starts it; median of {runs} runs after one unmeasured run, each a new process. " +
            "\"Ready\" is process start to every function loaded (start stream, init, worker indexing, a load request per function); " +
            "\"first invocation\" is the ProcessUpload invocation of a new upload (download, validate, records, decision, feedback, " +
            "assessment, on Azurite); \"first upload processed\" is the sum, the time from a cold instance to a miner's answer.\n\n" +
            Table(["Build", "Ready", "First invocation", "First upload processed", "Range (first upload)"], rows) + note;
        return new Section("coldstart", "Functions cold start", markdown, verdicts, data);
    }

    private static async Task<Run> RunOnceAsync(string directory, IReadOnlyDictionary<string, string?> settings, string blobName)
    {
        var clock = Stopwatch.StartNew();
        await using var worker = await FunctionsWorker.StartAsync(directory, settings).ConfigureAwait(false);
        await worker.LoadAllAsync().ConfigureAwait(false);
        var ready = clock.Elapsed.TotalSeconds;
        var result = await worker.InvokeBlobAsync("ProcessUpload", blobName).ConfigureAwait(false);
        var first = clock.Elapsed.TotalSeconds;
        if (!result.Succeeded) throw new InvalidOperationException($"ProcessUpload failed in the cold-start run: {result}");
        return new Run(ready, first, first - ready);
    }

    /// <summary>The Values of local.settings.sample.json with storage pointed at this Azurite.</summary>
    private static Dictionary<string, string?> Settings(string root, string connectionString)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        var settings = json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
        settings["AzureWebJobsStorage"] = connectionString;
        settings["Storage__ConnectionString"] = connectionString;
        return settings;
    }
}
