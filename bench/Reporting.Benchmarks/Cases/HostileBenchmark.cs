using System.Diagnostics;
using System.Text.Json;
using Reporting.Benchmarks.Harness;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Samples;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// Hostile and oversized files, each rejected in a fresh process (default GC settings, as in production):
/// time of the first parse in the process (JIT included) and of later ones, and the process's peak RSS.
/// </summary>
internal static class HostileBenchmark
{
    private const double TimeTarget = 1.0;
    private const long MemoryTarget = 150_000_000;
    private const double FeedbackTimeTarget = 5.0;
    private const long FeedbackMemoryTarget = 300_000_000;

    private sealed record HostileCase(string Name, string File, long? MaxBytes, string Expected);

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var cases = await WriteFilesAsync(context).ConfigureAwait(false);
        var rows = new List<string[]>();
        var data = new List<object>();
        var verdicts = new List<Verdict>();
        foreach (var hostile in cases)
        {
            context.Say($"hostile: {hostile.Name}");
            var arguments = new List<string> { "hostile", hostile.File };
            if (hostile.MaxBytes is { } max) arguments.AddRange(["--max-bytes", max.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var result = await ChildProcess.RunProbeAsync(arguments).ConfigureAwait(false);
            var code = result.GetProperty("code").GetString() ?? "";
            if (code != hostile.Expected) throw new InvalidOperationException($"{hostile.Name}: expected {hostile.Expected}, got '{code}'.");
            var cold = result.GetProperty("coldSeconds").GetDouble();
            var warm = result.GetProperty("warmSeconds").GetDouble();
            var peak = result.GetProperty("peakWorkingSetBytes").GetInt64();
            var start = result.GetProperty("startWorkingSetBytes").GetInt64();
            var outcome = code.Length == 0 ? "accepted" : $"`{code}` {result.GetProperty("cell").GetString()}".TrimEnd();
            rows.Add([hostile.Name, Megabytes(new FileInfo(hostile.File).Length), outcome,
                Milliseconds(cold), Milliseconds(warm), Megabytes(Long(result, "allocatedBytes")), Megabytes(start), Megabytes(peak)]);
            verdicts.Add(new Verdict($"{(code.Length == 0 ? "Read" : "Reject")} {hostile.Name}: < 1 s, < 150 MB peak working set",
                $"{Milliseconds(cold)} first / {Milliseconds(warm)} warm, {Megabytes(peak)}", cold < TimeTarget && peak < MemoryTarget));
            data.Add(new { hostile.Name, fileBytes = new FileInfo(hostile.File).Length, hostile.MaxBytes, result });
        }

        var feedbackRows = new List<string[]>();
        foreach (var (name, file, maxBytes) in FeedbackCases(context, cases))
        {
            context.Say($"feedback: {name}");
            var result = await ChildProcess.RunProbeAsync(["feedback", file, "--max-bytes", maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ConfigureAwait(false);
            var seconds = result.GetProperty("seconds").GetDouble();
            var peak = result.GetProperty("peakWorkingSetBytes").GetInt64();
            var kind = result.GetProperty("kind").GetString() ?? "";
            feedbackRows.Add([name, Megabytes(new FileInfo(file).Length), Number(result.GetProperty("issues").GetInt32()), kind,
                Megabytes(result.GetProperty("feedbackBytes").GetInt64()), Milliseconds(seconds), Milliseconds(result.GetProperty("warmSeconds").GetDouble()), Megabytes(peak)]);
            verdicts.Add(new Verdict($"Feedback for {name}: < {FeedbackTimeTarget:0} s, < {FeedbackMemoryTarget / 1_000_000} MB peak working set",
                $"{Milliseconds(seconds)}, {Megabytes(peak)} ({kind})", seconds < FeedbackTimeTarget && peak < FeedbackMemoryTarget));
            data.Add(new { feedback = name, fileBytes = new FileInfo(file).Length, result });
        }

        var markdown =
            "Each file in its own process, read from disk through a FileStream. \"First\" is the first parse in the process (the " +
            "parser's code is JIT-compiled during it); \"warm\" is the median of 5 more. RSS is the whole process (runtime included): " +
            "at start of the probe, and its peak (VmHWM).\n\n" +
            Table(["File", "Size", "Outcome", "First", "Warm", "Allocated (first)", "RSS at start", "Peak RSS"], rows) +
            "\n\nThe miner's feedback workbook for a rejected file, as ingestion writes it (parse, then the annotated copy, or only a " +
            "Problems sheet above `Ingestion:AnnotateMaxBytes`), each in its own process: time of parse + feedback the first time (ClosedXML's code is JIT-compiled during it) and once more, peak RSS of the process.\n\n" +
            Table(["File", "Size", "Issues listed", "Feedback", "Feedback size", "First", "Again", "Peak RSS"], feedbackRows);
        return new Section("hostile", "Hostile inputs", markdown, verdicts, data);
    }

    private static async Task<IReadOnlyList<HostileCase>> WriteFilesAsync(BenchContext context)
    {
        var directory = Path.Combine(context.WorkDirectory, "hostile");
        Directory.CreateDirectory(directory);
        var template = SampleFiles.SampleConsumption();

        var million = Path.Combine(directory, "rows-1048576.xlsx");
        if (!File.Exists(million))
        {
            await using var file = File.Create(million);
            BrokenSamples.WriteTooManyRows(template, 1_048_575, file); // + the header row: every row Excel has
        }

        var bomb = Path.Combine(directory, "zip-bomb-2gib.xlsx");
        if (!File.Exists(bomb))
        {
            await using var file = File.Create(bomb);
            BrokenSamples.WriteZipBomb(file);
        }

        var oversized = Path.Combine(directory, "padded-20mb.xlsx");
        await File.WriteAllBytesAsync(oversized, BrokenSamples.Oversized(template, 20_000_000)).ConfigureAwait(false);
        var underLimit = Path.Combine(directory, "padded-19.9mb.xlsx");
        await File.WriteAllBytesAsync(underLimit, BrokenSamples.Oversized(template, 19_900_000)).ConfigureAwait(false);

        var limits = new WorkbookLimits();
        return
        [
            new("1,048,576-row sheet (default limits)", million, null, "file-too-large"),
            new("1,048,576-row sheet (size limit lifted to 200 MB)", million, 200_000_000, "too-many-rows"),
            new("2 GiB zip bomb", bomb, null, "archive-too-large"),
            new($"20 MB file (limit {limits.MaxBytes / 1_000_000} MB)", oversized, null, "file-too-large"),
            new("19.9 MB file under the limit (valid sheets + 19.9 MB of image noise)", underLimit, null, ""),
        ];
    }

    /// <summary>The files whose feedback is measured: the million-row sheet, and a report whose every row is wrong.</summary>
    private static IEnumerable<(string Name, string File, long MaxBytes)> FeedbackCases(BenchContext context, IReadOnlyList<HostileCase> cases)
    {
        yield return ("1,048,576-row sheet (size limit lifted to 200 MB)", cases[0].File, 200_000_000);
        // The largest file still copied with marks (its sheets unpack to just under the default bound), and one far beyond it.
        foreach (var rows in new[] { 5_500, 49_999 })
        {
            var file = Path.Combine(context.WorkDirectory, "hostile", $"every-row-wrong-{rows}.xlsx");
            if (!File.Exists(file))
            {
                using var stream = File.Create(file);
                BrokenSamples.WriteEveryRowWrong(SampleFiles.SampleConsumption(), rows, stream);
            }

            yield return (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rows:N0} rows, an error in each"), file, new WorkbookLimits().MaxBytes);
        }
    }

    /// <summary>The child side of a feedback measurement: parse, then write the feedback workbook ingestion would write.</summary>
    public static object ProbeFeedback(string path, long maxBytes)
    {
        var watch = Stopwatch.StartNew();
        var content = File.ReadAllBytes(path);
        var parsed = new MonthReportParser(new WorkbookLimits { MaxBytes = maxBytes }).Parse(new MemoryStream(content, writable: false));
        var workbook = Excel.Feedback.FeedbackWorkbookWriter.Write(content, parsed.Validation.Issues, Domain.Text.Language.Ru)
            ?? throw new InvalidOperationException("No feedback workbook was written: the file has no issue with a cell.");
        if (workbook.AnnotationFailure is { } failure) throw failure;
        var seconds = watch.Elapsed.TotalSeconds;
        var warm = Measure.Seconds(() => Excel.Feedback.FeedbackWorkbookWriter.Write(
            content, new MonthReportParser(new WorkbookLimits { MaxBytes = maxBytes }).Parse(new MemoryStream(content, writable: false)).Validation.Issues, Domain.Text.Language.Ru));
        return new
        {
            seconds,
            warmSeconds = warm,
            issues = parsed.Validation.Issues.Count,
            kind = workbook.Kind.ToString(),
            feedbackBytes = (long)workbook.Content.Length,
            peakWorkingSetBytes = MemoryProbe.PeakWorkingSet(),
        };
    }

    /// <summary>The child side: parses the file once cold and five more times, reporting the first error code.</summary>
    public static object Probe(string path, long? maxBytes)
    {
        var startWorkingSet = MemoryProbe.WorkingSet();
        var parser = new MonthReportParser(maxBytes is { } max ? new WorkbookLimits { MaxBytes = max } : new WorkbookLimits());
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = Parse(parser, path);
        var cold = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var warm = new List<double>();
        for (var i = 0; i < 5; i++) warm.Add(Measure.Seconds(() => Parse(parser, path)));
        var error = result.Validation.Issues.FirstOrDefault(i => i.Severity == Domain.Validation.Severity.Error);
        return new
        {
            code = error?.Code ?? "",
            cell = error?.Cell ?? "",
            accepted = result.Report is not null,
            coldSeconds = cold,
            warmSeconds = Timing.Median(warm),
            allocatedBytes = allocated,
            startWorkingSetBytes = startWorkingSet,
            peakWorkingSetBytes = MemoryProbe.PeakWorkingSet(),
        };
    }

    private static MonthReportParseResult Parse(MonthReportParser parser, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        return parser.Parse(stream);
    }

    private static long Long(JsonElement element, string name) => element.GetProperty(name).GetInt64();
}
