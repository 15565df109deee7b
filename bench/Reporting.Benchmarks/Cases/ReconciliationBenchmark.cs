using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs.Models;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Benchmarks.Harness;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.ExternalStandIn;
using Reporting.Samples;
using Reporting.Storage.Blobs;
using Reporting.Storage.Emulator;
using Reporting.Storage.Reconciliation;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// Reconciling one month of a 330-licence registry against the local stand-in of the three external systems, healthy
/// and with the pools' API down (every request answered 503), as the daily run does it. Measures wall time, requests
/// to each API, and which sources' findings were stored; a run still going at the cut-off is cancelled (as the host's
/// functionTimeout would cut it) and what it stored by then is counted.
/// </summary>
internal static class ReconciliationBenchmark
{
    private const double Target = 120;
    private static readonly Month Month = new(2025, 3);

    private sealed record Scenario(string Name, FaultPlan? PoolsFault);

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var licences = context.Quick ? 60 : 330;
        var cutOff = TimeSpan.FromMinutes(context.Quick ? 2 : 5);
        var plan = DemoPlan.Create(new DemoOptions { Licences = licences, From = Month, To = Month, Seed = 330 });
        var external = ExternalDataPlan.Create(plan, 330);
        var folder = Path.Combine(context.WorkDirectory, "reconciliation-data");
        external.WriteTo(folder);

        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        var rows = new List<string[]>();
        var data = new List<object>();
        var verdicts = new List<Verdict>();
        foreach (var scenario in new[] { new Scenario("All sources healthy", null), new Scenario("Pools API down (503 on every request)", FaultPlan.ServerError(statusCode: 503)) })
        {
            context.Say($"reconciliation: {scenario.Name}");
            const string apiKey = "bench-stand-in-key";
            var faults = scenario.PoolsFault is null ? null : new Dictionary<StandInApi, FaultPlan> { [StandInApi.Distributions] = scenario.PoolsFault };
            await using var standIn = await ExternalStandInServer.StartAsync(new StandInOptions { DataFolder = folder, ApiKey = apiKey, Faults = faults }).ConfigureAwait(false);
            var settings = new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" };
            foreach (var source in new[] { "MarketOperator", "Exchange", "Pools" })
            {
                settings[$"ExternalSources:{source}:BaseUrl"] = standIn.BaseUrl.ToString();
                settings[$"ExternalSources:{source}:ApiKey"] = apiKey;
            }

            await using var pipeline = await BenchPipeline.CreateAsync(azurite.ConnectionString, "r" + Guid.NewGuid().ToString("N")[..8], settings: settings).ConfigureAwait(false);
            await pipeline.ImportRegistryAsync(plan.Registry).ConfigureAwait(false);
            await UploadAsync(pipeline, plan).ConfigureAwait(false);
            var sweep = await pipeline.Get<UploadSweeper>().SweepAsync().ConfigureAwait(false);
            if (sweep.HasFailures) throw new InvalidOperationException("The benchmark's uploads did not all process.");
            standIn.Requests.Reset();

            using var cut = new CancellationTokenSource(cutOff);
            var watch = Stopwatch.StartNew();
            var completed = true;
            try
            {
                await pipeline.Get<ReconciliationService>().ReconcileAsync(Month, sweep: false, cut.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cut.IsCancellationRequested)
            {
                completed = false;
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var stored = (await pipeline.Get<FindingStore>().ListAsync(Month, CancellationToken.None).ConfigureAwait(false))
                .GroupBy(f => f.Source).ToDictionary(g => g.Key, g => g.Count());
            int Stored(FindingSource source) => stored.GetValueOrDefault(source);
            var requests = StandInApis.All.ToDictionary(a => a, a => standIn.Requests.Count(a));
            rows.Add([scenario.Name, completed ? "yes" : $"**no** (cut at {cutOff.TotalMinutes:0} min)", $"{Number(seconds, "0.0")} s",
                Number(requests[StandInApi.Purchases]), Number(requests[StandInApi.TradeConfirmations]), Number(requests[StandInApi.Distributions]),
                Number(Stored(FindingSource.Reports)), Number(Stored(FindingSource.MarketOperator)), Number(Stored(FindingSource.Exchange)), Number(Stored(FindingSource.Pools))]);
            data.Add(new { scenario.Name, licences, completed, seconds, requests = requests.ToDictionary(r => r.Key.ToString(), r => r.Value), stored = stored.ToDictionary(s => s.Key.Code(), s => s.Value) });
            if (scenario.PoolsFault is not null)
            {
                var othersStored = Stored(FindingSource.MarketOperator) + Stored(FindingSource.Exchange) + Stored(FindingSource.Reports) > 0;
                verdicts.Add(new Verdict($"Reconcile a month of {licences} licences with one source down: completes and stores every available source's findings ≤ 2 min",
                    $"{(completed ? "completed" : "cut")} in {Number(seconds, "0.0")} s; other sources' findings {(othersStored ? "stored" : "**not stored**")}",
                    completed && othersStored && seconds <= Target));
            }
        }

        var markdown =
            $"One month ({Month}) of {licences} licences ({plan.Uploads.Count:N0} uploads, ingested first), reconciled against the local stand-in " +
            $"(`src/Reporting.ExternalStandIn`) with the default client settings (`ExternalSources:*`), on Azurite. Requests are those the stand-in " +
            $"received, retries included; findings are those stored for the month afterwards, by source. A run still going after " +
            $"{cutOff.TotalMinutes:0} minutes is cancelled, as `functionTimeout` would cut it.\n\n" +
            Table(["Scenario", "Completed", "Wall time", "Purchases requests", "Trade requests", "Distribution requests",
                "Findings: reports", "market operator", "exchange", "pools"], rows);
        return new Section("reconciliation", "Reconciliation with a source down", markdown, verdicts, data);
    }

    private static async Task UploadAsync(BenchPipeline pipeline, DemoPlan plan)
    {
        var container = pipeline.Clients.Uploads;
        await Parallel.ForEachAsync(plan.Uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, token) =>
            await container.GetBlobClient(upload.BlobName).UploadAsync(new BinaryData(upload.Content), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [UploadBlob.ReceivedAtMetadata] = upload.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
            }, token).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
