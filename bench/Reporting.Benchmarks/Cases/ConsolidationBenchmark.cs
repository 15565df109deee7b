using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Benchmarks.Harness;
using Reporting.Domain.Periods;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// The quarterly consolidation of 2,000 licences × 3 months (both reports of every month, ingested by the
/// pipeline) against the floor of reading the same table partitions and nothing else.
/// </summary>
internal static class ConsolidationBenchmark
{
    public const double Target = 2.0;

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var licences = context.Quick ? 300 : 2_000;
        var rounds = context.Quick ? 2 : 5;
        var quarter = new Quarter(2025, 2);
        var dataset = new SampleDataset(licences, seed: 7, registryFrom: new DateOnly(2023, 1, 1), validAtLeastUntil: new DateOnly(2026, 12, 31));

        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        var counter = new RequestCounter(azurite.TablePort);
        var prefix = "c" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
        double uploadSeconds, sweepSeconds;
        int uploadCount;
        await using (var setup = await BenchPipeline.CreateAsync(azurite.ConnectionString, prefix).ConfigureAwait(false))
        {
            await setup.ImportRegistryAsync(dataset.Registry(quarter.Months)).ConfigureAwait(false);
            var uploads = GeneratedUploads.For(dataset, quarter).ToArray();
            uploadCount = uploads.Length;
            context.Say($"consolidation: uploading {uploadCount:N0} files of {licences:N0} licences");
            uploadSeconds = await Measure.SecondsAsync(() => setup.UploadAsync(uploads)).ConfigureAwait(false);
            context.Say("consolidation: ingesting them");
            sweepSeconds = await Measure.SecondsAsync(async () =>
            {
                var result = await setup.Get<UploadSweeper>().SweepAsync().ConfigureAwait(false);
                if (result.Count(Application.Ingestion.UploadOutcomeStatus.Accepted) != uploadCount) throw new InvalidOperationException($"Accepted {result.Count(Application.Ingestion.UploadOutcomeStatus.Accepted)} of {uploadCount}.");
            }).ConfigureAwait(false);
        }

        // The service as a host runs it: one long-lived service provider. Its clock moves a minute before each
        // build, as between two timer runs, so the registry is read every time (it is cached for 30 seconds).
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await BenchPipeline.CreateAsync(azurite.ConnectionString, prefix, counter, clock).ConfigureAwait(false);
        var service = host.Get<QuarterlyReportService>();
        async Task<(double Seconds, QuarterlyReportResult Result, int Requests)> BuildAsync()
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            counter.Reset();
            QuarterlyReportResult? result = null;
            var seconds = await Measure.SecondsAsync(async () => result = await service.BuildAsync(quarter, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
            return (seconds, result!, counter.Total);
        }

        context.Say("consolidation: first build (cold)");
        var (cold, coldResult, _) = await BuildAsync().ConfigureAwait(false);
        if (!coldResult.Created) throw new InvalidOperationException("The first build did not create a version.");

        var floors = new List<double>();
        var builds = new List<double>();
        var rebuilds = new List<double>();
        int floorRequests = 0, buildRequests = 0, rebuildRequests = 0, floorRows = 0;
        for (var round = 1; round <= rounds; round++)
        {
            context.Say($"consolidation: round {round}/{rounds}");
            counter.Reset();
            floors.Add(await Measure.SecondsAsync(async () => floorRows = await ReadPartitionsAsync(host.Clients, quarter).ConfigureAwait(false)).ConfigureAwait(false));
            floorRequests = counter.Total;

            await ForgetVersionsAsync(host.Clients, quarter).ConfigureAwait(false);
            var (build, built, requests) = await BuildAsync().ConfigureAwait(false);
            if (!built.Created) throw new InvalidOperationException("A full build did not create a version.");
            builds.Add(build);
            buildRequests = requests;

            var (rebuild, rebuilt, again) = await BuildAsync().ConfigureAwait(false);
            if (rebuilt.Created) throw new InvalidOperationException("Rebuilding an unchanged quarter created a version.");
            rebuilds.Add(rebuild);
            rebuildRequests = again;
        }

        context.Say("consolidation: memory probe");
        var memory = await ChildProcess.RunProbeAsync(["consolidate", azurite.ConnectionString, prefix, quarter.ToString()], ChildProcess.SmallGen0).ConfigureAwait(false);
        var buildMemory = memory.GetProperty("build");
        var floorMemory = memory.GetProperty("floor");

        var floor = Timing.Median(floors);
        var full = Timing.Median(builds);
        var unchanged = Timing.Median(rebuilds);
        var summaryRows = coldResult.Report.Summary.Count;
        var markdown =
            $"{licences:N0} licences in the registry, {summaryRows:N0} active in {quarter}; {uploadCount:N0} reports ingested first by the pipeline " +
            $"(upload {Number(uploadSeconds, "0.0")} s, sweep {Number(sweepSeconds, "0.0")} s = {Number(uploadCount / sweepSeconds, "0.0")} uploads/s at this scale). " +
            $"The floor reads the partitions the report is built from (registry, the quarter's assessments and violations, the months' findings, " +
            $"the quarter's versions), all at once, and does nothing with them: {floorRows:N0} rows. Median of {rounds} rounds. The service runs as a host runs it, in one long-lived " +
            "service provider whose clock moves a minute before each build (so the registry, cached for 30 s, is read every time); a full build " +
            "first forgets the quarter's versions so that it renders and publishes again.\n\n" +
            Table(["", "Time", "Ratio to floor", "Requests", "Peak managed heap"],
            [
                ["Floor: read the partitions", Milliseconds(floor), Ratio(1), Number(floorRequests), Megabytes(floorMemory.GetProperty("peakHeapBytes").GetInt64())],
                ["Full build (assemble, workbook + CSV, publish)", Milliseconds(full), Ratio(full / floor), Number(buildRequests), Megabytes(buildMemory.GetProperty("peakHeapBytes").GetInt64())],
                ["Rebuild of an unchanged quarter (no new version)", Milliseconds(unchanged), Ratio(unchanged / floor), Number(rebuildRequests), ""],
                ["First build in the process (JIT included)", Milliseconds(cold), Ratio(cold / floor), "", ""],
            ]) +
            $"\nPeak managed heap measured in a separate process with a 4 MiB gen0 budget: {Number(buildMemory.GetProperty("peakHeapBytes").GetInt64() / (double)summaryRows / 1000, "0.0")} kB per licence " +
            $"for the full build; workbook {Megabytes(memory.GetProperty("workbookBytes").GetInt64())}.";
        var verdicts = new[]
        {
            new Verdict("Quarterly consolidation (2,000 licences × 3 months) ≤ 2× the floor", $"full build {Ratio(full / floor)} ({Milliseconds(full)} vs {Milliseconds(floor)}); unchanged rebuild {Ratio(unchanged / floor)}", full / floor <= Target),
        };
        return new Section("consolidation", "Quarterly consolidation", markdown, verdicts,
            new { licences, active = summaryRows, uploads = uploadCount, uploadSeconds, sweepSeconds, cold, floors, builds, rebuilds, floorRows, floorRequests, buildRequests, rebuildRequests, memory });
    }

    /// <summary>
    /// The floor: every row of the partitions the report reads, and nothing else, all partitions at once
    /// (as the service reads them).
    /// </summary>
    internal static async Task<int> ReadPartitionsAsync(StorageClients clients, Quarter quarter)
    {
        async Task<int> Read(TableName table, string? partition)
        {
            var rows = 0;
            var filter = partition is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var page in clients.Table(table).QueryAsync<TableEntity>(filter).AsPages().ConfigureAwait(false)) rows += page.Values.Count;
            return rows;
        }

        // The registry tables hold only the registry (a version row and the licences; the exchanges).
        var reads = await Task.WhenAll(
        [
            Read(TableName.Licences, null),
            Read(TableName.Exchanges, null),
            Read(TableName.QuarterlyAssessments, quarter.ToString()),
            Read(TableName.Violations, quarter.ToString()),
            .. quarter.Months.Select(m => Read(TableName.Findings, m.ToString())),
            Read(TableName.ReportVersions, quarter.ToString()),
        ]).ConfigureAwait(false);
        return reads.Sum();
    }

    /// <summary>Deletes the quarter's report versions and files so that the next build publishes again.</summary>
    internal static async Task ForgetVersionsAsync(StorageClients clients, Quarter quarter)
    {
        var versions = clients.Table(TableName.ReportVersions);
        await foreach (var entity in versions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {quarter.ToString()}")).ConfigureAwait(false))
            await versions.DeleteEntityAsync(entity.PartitionKey, entity.RowKey).ConfigureAwait(false);
        await foreach (var blob in clients.Reports.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, quarter + "/", CancellationToken.None).ConfigureAwait(false))
            await clients.Reports.DeleteBlobAsync(blob.Name).ConfigureAwait(false);
    }

    /// <summary>The child side: heap of the floor's reads and of a full build, after a warm-up build.</summary>
    public static async Task<object> ProbeAsync(string connectionString, string prefix, string quarterText)
    {
        var quarter = Quarter.Parse(quarterText);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await BenchPipeline.CreateAsync(connectionString, prefix, time: clock).ConfigureAwait(false);
        var service = host.Get<QuarterlyReportService>();
        await ReadPartitionsAsync(host.Clients, quarter).ConfigureAwait(false);
        await service.BuildAsync(quarter, CancellationToken.None).ConfigureAwait(false); // warm-up: JIT
        await ForgetVersionsAsync(host.Clients, quarter).ConfigureAwait(false);
        clock.Advance(TimeSpan.FromMinutes(1));

        var floor = MemoryProbe.Measure(() => ReadPartitionsAsync(host.Clients, quarter).GetAwaiter().GetResult());
        QuarterlyReportResult? result = null;
        var build = MemoryProbe.Measure(() => result = service.BuildAsync(quarter, CancellationToken.None).GetAwaiter().GetResult());
        if (result is not { Created: true }) throw new InvalidOperationException("The probe's build did not publish.");
        var workbook = await host.Get<Reporting.Storage.Reports.ReportStore>().DownloadAsync(result.Version.WorkbookBlob, CancellationToken.None).ConfigureAwait(false);
        return new { floor, build, workbookBytes = workbook.ToMemory().Length, peakWorkingSetBytes = MemoryProbe.PeakWorkingSet() };
    }
}
