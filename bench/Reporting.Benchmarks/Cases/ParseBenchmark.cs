using System.Text.Json;
using Reporting.Benchmarks.Harness;
using Reporting.Domain.Reports;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>Parse + validate of consumption workbooks against the raw XmlReader scan of the same sheet.</summary>
internal static class ParseBenchmark
{
    public const double Target = 0.5;

    public static async Task<Section> RunAsync(BenchContext context)
    {
        int[] sizes = context.Quick ? [1_000, 10_000] : [1_000, 10_000, 50_000];
        var rows = new List<string[]>();
        var memoryRows = new List<string[]>();
        var layerRows = new List<string[]>();
        var data = new List<object>();
        var worstRatio = double.MaxValue;
        foreach (var size in sizes)
        {
            var bytes = ConsumptionWorkbooks.Bytes(size);
            var path = Path.Combine(context.WorkDirectory, $"consumption-{size}.xlsx");
            await File.WriteAllBytesAsync(path, bytes).ConfigureAwait(false);
            var sheet = RawSheetScan.LargestSheet(bytes);
            var parser = new MonthReportParser(new WorkbookLimits());

            // A benchmark of a parse that fails, or of a scan that misses rows, would measure nothing useful.
            var check = parser.Parse(new MemoryStream(bytes));
            if (check.Report is not ConsumptionReport { Rows.Count: var parsedRows } || parsedRows != size || check.Validation.Issues.Count != 0)
                throw new InvalidOperationException($"The generated {size}-row workbook did not parse cleanly.");
            if (RawSheetScan.CountRows(bytes, sheet) != size + 1) throw new InvalidOperationException("The raw scan missed rows.");

            context.Say($"parse: {size:N0} rows ({bytes.Length:N0} bytes)");
            var timings = Measure.Interleaved(
            [
                () => RawSheetScan.CountRows(bytes, sheet),
                () => RawSheetScan.CountRowsAndStrings(bytes, sheet),
                () => ReaderLayer(bytes, parser.Limits),
                () => parser.Parse(new MemoryStream(bytes)),
            ], warmups: 3, samples: context.Quick ? 3 : 7, minimumSample: TimeSpan.FromMilliseconds(context.Quick ? 100 : 300));
            var (floor, withStrings, reader, subject) = (timings[0], timings[1], timings[2], timings[3]);
            var floorRate = size / floor.PerRepetitionSeconds;
            var subjectRate = size / subject.PerRepetitionSeconds;
            var ratio = subjectRate / floorRate;
            worstRatio = Math.Min(worstRatio, ratio);

            var memory = await ChildProcess.RunProbeAsync(["parse", path], ChildProcess.SmallGen0).ConfigureAwait(false);
            var scanMemory = memory.GetProperty("scan");
            var parseMemory = memory.GetProperty("parse");
            var readerMemory = memory.GetProperty("reader");
            rows.Add([Number(size), Megabytes(bytes.Length), Number(floorRate), Number(subjectRate), Ratio(ratio),
                Milliseconds(subject.PerRepetitionSeconds), $"{Milliseconds(subject.MinSeconds / subject.RepetitionsPerSample)}–{Milliseconds(subject.MaxSeconds / subject.RepetitionsPerSample)}"]);
            layerRows.Add([Number(size), Milliseconds(floor.PerRepetitionSeconds), Layer(withStrings, floor), Layer(reader, floor), Layer(subject, floor)]);
            memoryRows.Add([Number(size), Megabytes(Long(scanMemory, "peakHeapBytes")), Megabytes(Long(readerMemory, "peakHeapBytes")), Megabytes(Long(parseMemory, "peakHeapBytes")),
                Megabytes(Long(parseMemory, "retainedBytes")), Megabytes(Long(parseMemory, "peakHeapBytes") - Long(parseMemory, "retainedBytes")),
                Megabytes(Long(parseMemory, "allocatedBytes")), Megabytes(Long(memory, "peakWorkingSetBytes"))]);
            data.Add(new { rows = size, fileBytes = bytes.Length, floor, withStrings, reader, subject, floorRowsPerSecond = floorRate, subjectRowsPerSecond = subjectRate, ratio, memory });
        }

        var markdown =
            "Throughput, median of interleaved samples (the floor and the parser alternate; each sample repeats the file until it lasts ≥ 300 ms):\n\n" +
            Table(["Rows", "File", "Raw scan rows/s", "Parse + validate rows/s", "Ratio", "Parse time", "Spread"], rows) +
            "\nWhere the time goes, each layer's median time per file (and its multiple of the raw scan), measured in the same interleaved run: " +
            "the raw scan of the sheet plus the shared string table that its text cells point into; the reader layer (open the package, " +
            "load the shared strings and styles, stream the sheet's rows as typed cells); and the whole parse (the Report sheet, headers, " +
            "typing and checking every cell, duplicate detection, and the records it returns):\n\n" +
            Table(["Rows", "Raw scan of the sheet", "+ shared strings", "Reader layer", "Parse + validate"], layerRows) +
            "\nManaged memory of one parse, in a separate process with a 4 MiB gen0 budget (`DOTNET_GCgen0size`), above the heap before it:\n\n" +
            Table(["Rows", "Raw scan peak", "Reader layer peak", "Parse peak", "Parse result (retained)", "Parse peak − result", "Parse allocated", "Process peak RSS"], memoryRows);
        var verdicts = new[]
        {
            new Verdict("Parse + validate ≥ 0.5× the raw XmlReader scan (1k/10k/50k rows)", $"{Ratio(worstRatio)} at worst", worstRatio >= Target),
        };
        return new Section("parse", "Parse + validate", markdown, verdicts, data);
    }

    /// <summary>The child side: memory of one raw scan and one parse of the file, after a warm-up of each.</summary>
    public static object Probe(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var sheet = RawSheetScan.LargestSheet(bytes);
        var parser = new MonthReportParser(new WorkbookLimits());
        RawSheetScan.CountRows(bytes, sheet);
        parser.Parse(new MemoryStream(bytes));
        ReaderLayer(bytes, parser.Limits);
        var scan = MemoryProbe.Measure(() => RawSheetScan.CountRows(bytes, sheet));
        var reader = MemoryProbe.Measure(() => ReaderLayer(bytes, parser.Limits));
        var parse = MemoryProbe.Measure(() => parser.Parse(new MemoryStream(bytes)));
        return new { scan, reader, parse, peakWorkingSetBytes = MemoryProbe.PeakWorkingSet() };
    }

    /// <summary>The reader layer alone: open the package and stream the data sheet's rows as typed cells, keeping nothing.</summary>
    private static int ReaderLayer(byte[] bytes, WorkbookLimits limits)
    {
        using var package = XlsxPackage.Open(new MemoryStream(bytes), limits).Package!;
        var rows = 0;
        foreach (var row in package.ReadRows(package.FindSheet(ReportContract.ConsumptionSheet)!)) rows += row.Columns.Count > 0 ? 1 : 0;
        return rows;
    }

    private static string Layer(Timing layer, Timing floor) =>
        $"{Milliseconds(layer.PerRepetitionSeconds)} ({Ratio(layer.PerRepetitionSeconds / floor.PerRepetitionSeconds)})";

    private static long Long(JsonElement element, string name) => element.GetProperty(name).GetInt64();
}
