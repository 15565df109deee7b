using System.Globalization;
using System.Text.Json;
using Reporting.Benchmarks.Cases;
using Reporting.Benchmarks.Harness;

// The performance budget of the pipeline: every step against its physical floor, measured in the same run.
//   run [--only parse,hostile,ingest,consolidation,startup,coldstart,reconciliation,sweep,rush] [--quick] [--doc docs/performance.md] [--json FILE] [--work DIR]
//   probe parse|hostile|consolidate ...   (the child side of a measurement; started by `run`)
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = false };
if (args.Length > 0 && args[0] == "probe") return await ProbeAsync(args[1..]);
if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine("usage: Reporting.Benchmarks run [--only parse,hostile,ingest,consolidation,startup,coldstart,reconciliation,sweep,rush] [--quick] [--doc FILE] [--json FILE] [--work DIR]");
    return 2;
}

var root = RepositoryRoot();
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var quick = args.Contains("--quick");
var doc = Option("--doc");
var jsonPath = Option("--json");
var work = Option("--work") ?? Path.Combine(Path.GetTempPath(), "reporting-bench");
Directory.CreateDirectory(work);
var context = new BenchContext(root, work, quick, Console.Out);

var cases = new (string Key, Func<BenchContext, Task<Section>> Run)[]
{
    ("parse", ParseBenchmark.RunAsync),
    ("hostile", HostileBenchmark.RunAsync),
    ("ingest", IngestBenchmark.RunAsync),
    ("consolidation", ConsolidationBenchmark.RunAsync),
    ("startup", StartupBenchmark.RunAsync),
    ("coldstart", ColdStartBenchmark.RunAsync),
    ("reconciliation", ReconciliationBenchmark.RunAsync),
    ("sweep", SweepBenchmark.RunAsync),
    ("rush", RushBenchmark.RunAsync),
};
var unknown = only?.Except(cases.Select(c => c.Key)).ToArray() ?? [];
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}.");
    return 2;
}

var machine = MachineInfo.Read(root, TimeProvider.System);
var sections = new List<Section>();
foreach (var (key, run) in cases.Where(c => only is null || only.Contains(c.Key)))
{
    var section = await run(context);
    sections.Add(section);
    foreach (var verdict in section.Verdicts) context.Say($"{(verdict.Met ? "met" : "MISSED")}: {verdict.Target}: {verdict.Measured}");
}

var command = "bash scripts/bench.sh" + (quick ? " --quick" : "") + (only is null ? "" : " --only " + string.Join(',', only));
var rendered = ResultsDocument.Render(machine, command, sections);
Console.WriteLine();
Console.WriteLine(rendered);
if (doc is not null) ResultsDocument.Update(doc, rendered);
if (jsonPath is not null)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(new { machine, command, sections }, new JsonSerializerOptions(json) { WriteIndented = true }));
}

return 0;

async Task<int> ProbeAsync(string[] probe)
{
    object result = probe[0] switch
    {
        "parse" => ParseBenchmark.Probe(probe[1]),
        "hostile" => HostileBenchmark.Probe(probe[1], probe.Length > 3 && probe[2] == "--max-bytes" ? long.Parse(probe[3], CultureInfo.InvariantCulture) : null),
        "feedback" => HostileBenchmark.ProbeFeedback(probe[1], long.Parse(probe[3], CultureInfo.InvariantCulture)),
        "consolidate" => await ConsolidationBenchmark.ProbeAsync(probe[1], probe[2], probe[3]),
        _ => throw new ArgumentException($"Unknown probe '{probe[0]}'."),
    };
    Console.WriteLine(JsonSerializer.Serialize(result, json));
    return 0;
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ReportingPipeline.sln"))) return dir.FullName;
    }

    throw new InvalidOperationException("Run the benchmarks from inside the repository.");
}
