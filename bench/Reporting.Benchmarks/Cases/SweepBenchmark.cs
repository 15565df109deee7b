using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Reporting.Application.Ingestion;
using Reporting.Benchmarks.Harness;
using Reporting.Domain.Periods;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Blobs;
using Reporting.Storage.Emulator;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// What a sweep tick costs with two years of history: the first sweep (everything new), a tick with nothing changed,
/// a tick after one new upload, and a tick that visits every folder (what a sweep without the folders' fingerprints did
/// on every tick: a partition read per licence, and more, however little changed). Storage requests counted as sent.
/// </summary>
internal static class SweepBenchmark
{
    public static async Task<Section> RunAsync(BenchContext context)
    {
        var options = context.Quick
            ? new DemoOptions { Licences = 60, From = new Month(2025, 7), To = new Month(2025, 12), Seed = 17 }
            : new DemoOptions { Licences = 330, From = new Month(2024, 1), To = new Month(2025, 12), Seed = 17 };
        var plan = DemoPlan.Create(options);
        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        var counter = new RequestCounter(azurite.TablePort);
        await using var pipeline = await BenchPipeline.CreateAsync(azurite.ConnectionString, "s" + Guid.NewGuid().ToString("N")[..8], counter,
            settings: new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" }).ConfigureAwait(false);
        await pipeline.ImportRegistryAsync(plan.Registry).ConfigureAwait(false);
        context.Say($"sweep: uploading {plan.Uploads.Count:N0} uploads of {options.Licences} licences");
        var container = pipeline.Clients.Uploads;
        await Parallel.ForEachAsync(plan.Uploads, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (upload, token) =>
            await container.GetBlobClient(upload.BlobName).UploadAsync(new BinaryData(upload.Content), new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [UploadBlob.ReceivedAtMetadata] = upload.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
            }, token).ConfigureAwait(false)).ConfigureAwait(false);
        var sweeper = pipeline.Get<UploadSweeper>();

        var rows = new List<string[]>();
        var data = new List<object>();
        async Task<SweepResult> Tick(string name)
        {
            context.Say($"sweep: {name}");
            counter.Reset();
            SweepResult? result = null;
            var seconds = await Measure.SecondsAsync(async () => result = await sweeper.SweepAsync().ConfigureAwait(false)).ConfigureAwait(false);
            var byKind = counter.Snapshot();
            rows.Add([name, Number(result!.Folders), Number(result.Outcomes.Count), Number(counter.Total),
                string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value:N0}")), $"{Number(seconds, "0.00")} s"]);
            data.Add(new { name, result.Folders, processed = result.Outcomes.Count, requests = counter.Total, byKind, seconds });
            return result;
        }

        await Tick("First sweep (all history new)").ConfigureAwait(false);
        var unchanged = await Tick("Tick, nothing changed").ConfigureAwait(false);
        var upload = plan.Uploads[0];
        await container.GetBlobClient(upload.BlobName.Replace(".xlsx", "-again.xlsx", StringComparison.Ordinal)).UploadAsync(new BinaryData(upload.Content)).ConfigureAwait(false);
        await Tick("Tick after one new upload").ConfigureAwait(false);
        await ClearFingerprintsAsync(pipeline.Clients).ConfigureAwait(false);
        await Tick("Tick visiting every folder (no fingerprints)").ConfigureAwait(false);

        var markdown =
            $"{plan.Uploads.Count:N0} uploads of {options.Licences} licences over {options.From} to {options.To}, on Azurite; one sweep per row, " +
            $"in this order. Requests are the storage requests sent (the listing pages included).\n\n" +
            Table(["Tick", "Folders swept", "Uploads processed", "Requests", "By kind", "Time"], rows);
        var verdicts = new[]
        {
            new Verdict("A sweep tick with nothing changed does not grow with history: no folder visited", $"{unchanged.Folders} folders, {rows[1][3]} requests", unchanged.Folders == 0),
        };
        return new Section("sweep", "Sweep with two years of history", markdown, verdicts, data);
    }

    private static async Task ClearFingerprintsAsync(StorageClients clients)
    {
        var table = clients.Table(TableName.SweepFolders);
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]).ConfigureAwait(false))
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey).ConfigureAwait(false);
    }
}
