using Reporting.Domain;
using Azure.Data.Tables;
using Reporting.Application.Ingestion;
using Reporting.Benchmarks.Harness;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// 1,000 typical uploads swept through the whole pipeline on Azurite, against the storage floor measured in the
/// same run on the same Azurite: per upload, download the blob and write its rows in one table batch, with the
/// same parallelism. Rounds alternate floor and pipeline, each on fresh containers and tables.
/// </summary>
internal static class IngestBenchmark
{
    public const double Target = 0.5;

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var count = context.Quick ? 200 : 1_000;
        var rounds = context.Quick ? 1 : 3;
        var quarter = new Quarter(2025, 2);
        var dataset = new SampleDataset(licences: 200, seed: 31, registryFrom: new DateOnly(2023, 1, 1), validAtLeastUntil: new DateOnly(2026, 12, 31));
        var registry = dataset.Registry(quarter.Months);
        var uploads = GeneratedUploads.For(dataset, quarter).Take(count).ToArray();
        if (uploads.Length != count) throw new InvalidOperationException($"The dataset gave {uploads.Length} uploads, not {count}.");
        var parallelism = new IngestionOptions().MaxParallelism;

        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        var counter = new RequestCounter(azurite.TablePort);
        var floors = new List<RunFigures>();
        var subjects = new List<RunFigures>();
        for (var round = 1; round <= rounds; round++)
        {
            context.Say($"ingest: round {round}/{rounds}, floor");
            floors.Add(await FloorAsync(azurite.ConnectionString, uploads, parallelism, counter).ConfigureAwait(false));
            context.Say($"ingest: round {round}/{rounds}, pipeline sweep");
            subjects.Add(await SweepAsync(azurite.ConnectionString, uploads, registry, counter).ConfigureAwait(false));
        }

        var floor = Median(floors);
        var subject = Median(subjects);
        var floorRate = count / floor.Seconds;
        var subjectRate = count / subject.Seconds;
        var ratio = subjectRate / floorRate;
        var rows = uploads.Select(u => u.Rows).ToArray();

        var markdown =
            $"{count:N0} uploads of {quarter}: {uploads.Count(u => u.Report is ConsumptionReport):N0} consumption and {uploads.Count(u => u.Report is SalesReport):N0} sales " +
            $"reports of {uploads.Select(u => u.Report.Licence).Distinct().Count()} licences, {Number(rows.Average(), "0.0")} rows on average " +
            $"({rows.Min()}–{rows.Max()}), {Megabytes(uploads.Sum(u => (long)u.Content.Length))} in all. Parallelism {parallelism} (the configured " +
            $"`Ingestion:MaxParallelism`). Median of {rounds} round(s); each round on fresh containers and tables of one Azurite.\n\n" +
            Table(["", "Time", "Uploads/s", "Requests", "Requests/upload", "Our CPU", "Azurite CPU"],
            [
                ["Storage floor (download + one batch)", $"{Number(floor.Seconds, "0.00")} s", Number(floorRate, "0.0"), Number(floor.Requests), Number(floor.Requests / (double)count, "0.00"), $"{Number(floor.OwnCpu, "0.0")} s", $"{Number(floor.AzuriteCpu, "0.0")} s"],
                ["Pipeline sweep", $"{Number(subject.Seconds, "0.00")} s", Number(subjectRate, "0.0"), Number(subject.Requests), Number(subject.Requests / (double)count, "0.00"), $"{Number(subject.OwnCpu, "0.0")} s", $"{Number(subject.AzuriteCpu, "0.0")} s"],
            ]) +
            $"\nRatio to the floor: **{Ratio(ratio)}**. Storage requests of the pipeline sweep by kind (median round):\n\n" +
            Table(["Request", "Count", "Per upload"], subject.ByKind.Select(k => new[] { k.Key, Number(k.Value), Number(k.Value / (double)count, "0.00") }).ToArray());
        var verdicts = new[]
        {
            new Verdict("Ingest 1,000 uploads ≥ 0.5× the storage floor", $"{Number(subjectRate, "0.0")} vs {Number(floorRate, "0.0")} uploads/s = {Ratio(ratio)}; {Number(subject.Requests / (double)count, "0.0")} requests/upload", ratio >= Target),
        };
        return new Section("ingest", "Ingest on Azurite", markdown, verdicts,
            new { uploads = count, parallelism, averageRows = rows.Average(), floors, subjects, floorRate, subjectRate, ratio });
    }

    internal sealed record RunFigures(double Seconds, int Requests, IReadOnlyDictionary<string, int> ByKind, double OwnCpu, double AzuriteCpu);

    private static RunFigures Median(List<RunFigures> runs) => runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);

    private static async Task<RunFigures> SweepAsync(string connectionString, GeneratedUpload[] uploads, Domain.Registry.Registry registry, RequestCounter counter)
    {
        await using var pipeline = await BenchPipeline.CreateAsync(connectionString, Prefix(), counter).ConfigureAwait(false);
        await pipeline.ImportRegistryAsync(registry).ConfigureAwait(false);
        await pipeline.UploadAsync(uploads).ConfigureAwait(false);
        var sweeper = pipeline.Get<UploadSweeper>();

        var figures = await MeasureAsync(counter, async () =>
        {
            var result = await sweeper.SweepAsync().ConfigureAwait(false);
            var accepted = result.Count(Application.Ingestion.UploadOutcomeStatus.Accepted);
            if (accepted != uploads.Length) throw new InvalidOperationException($"The sweep accepted {accepted} of {uploads.Length} uploads.");
        }).ConfigureAwait(false);
        return figures;
    }

    private static async Task<RunFigures> FloorAsync(string connectionString, GeneratedUpload[] uploads, int parallelism, RequestCounter counter)
    {
        var clients = new StorageClients(new StorageOptions { ConnectionString = connectionString, NamePrefix = Prefix() }, counter);
        var container = clients.Uploads;
        await container.CreateIfNotExistsAsync().ConfigureAwait(false);
        var table = clients.Table(TableName.Submissions);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (upload, token) =>
            await container.GetBlobClient(upload.Name).UploadAsync(new BinaryData(upload.Content), token).ConfigureAwait(false)).ConfigureAwait(false);
        // The rows each upload writes, built outside the timed part: the floor does storage work only.
        var batches = uploads.ToDictionary(u => u.Name, Entities);

        return await MeasureAsync(counter, () => Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (upload, token) =>
        {
            var content = (await container.GetBlobClient(upload.Name).DownloadContentAsync(token).ConfigureAwait(false)).Value.Content;
            if (content.ToMemory().Length != upload.Content.Length) throw new InvalidOperationException("Short download.");
            await table.SubmitTransactionAsync(batches[upload.Name].Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    private static async Task<RunFigures> MeasureAsync(RequestCounter counter, Func<Task> work)
    {
        counter.Reset();
        var ownCpu = ProcessCpu.OwnSeconds();
        var azuriteCpu = ProcessCpu.SecondsOf("azurite");
        var seconds = await Measure.SecondsAsync(work).ConfigureAwait(false);
        return new RunFigures(seconds, counter.Total, counter.Snapshot(), ProcessCpu.OwnSeconds() - ownCpu, ProcessCpu.SecondsOf("azurite") - azuriteCpu);
    }

    /// <summary>One entity per row plus the submission itself, in the licence's partition (at most 100: one batch).</summary>
    private static List<TableEntity> Entities(GeneratedUpload upload)
    {
        var partition = upload.Report.Licence;
        var prefix = $"{upload.Report.Period}|{upload.Report.Kind}";
        var entities = new List<TableEntity> { new(partition, prefix) { ["Blob"] = upload.Name, ["Bytes"] = upload.Content.Length } };
        switch (upload.Report)
        {
            case ConsumptionReport consumption:
                entities.AddRange(consumption.Rows.Select(r => new TableEntity(partition, $"{prefix}|{r.Row:D6}")
                {
                    ["Site"] = r.Site, ["Meter"] = r.Meter, ["Source"] = r.Source.Code(), ["Kwh"] = r.Kwh.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["CostKzt"] = r.CostKzt?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }));
                break;
            case SalesReport sales:
                entities.AddRange(sales.Mined.Select(r => new TableEntity(partition, $"{prefix}|m{r.Row:D6}")
                {
                    ["Asset"] = r.Asset, ["Quantity"] = r.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Pool"] = r.Pool, ["Wallet"] = r.Wallet,
                }));
                entities.AddRange(sales.Sold.Select(r => new TableEntity(partition, $"{prefix}|s{r.Row:D6}")
                {
                    ["Asset"] = r.Asset, ["Quantity"] = r.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Exchange"] = r.Exchange, ["TradeId"] = r.TradeId,
                }));
                break;
        }

        if (entities.Count > 100) throw new InvalidOperationException($"{upload.Name} has {entities.Count} rows: more than one batch.");
        return entities;
    }

    private static string Prefix() => "b" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
}
