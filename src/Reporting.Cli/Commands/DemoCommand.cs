using System.CommandLine;
using System.Globalization;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Application.Registry;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Excel.Registry;
using Reporting.ExternalStandIn;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Blobs;
using Reporting.Storage.Reports;
using Spectre.Console;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting demo`: the main job end to end. Starts an Azurite unless --storage is given, generates a
/// realistic population of miners and their uploads (late, missing, superseded, broken ones included),
/// imports the registry, uploads, ingests, builds every quarter's consolidated report, and prints a summary.
/// </summary>
internal static class DemoCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var licences = new Option<int>("--licences") { Description = "How many licensed miners.", DefaultValueFactory = _ => 48 };
        var from = new Option<string>("--from") { Description = "First month (YYYY-MM).", DefaultValueFactory = _ => "2024-01" };
        var to = new Option<string>("--to") { Description = "Last month (YYYY-MM).", DefaultValueFactory = _ => "2025-12" };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated data.", DefaultValueFactory = _ => 2025 };
        var targetKwh = new Option<decimal?>("--target-kwh") { Description = "Scale the fleets so all miners consume about this many kWh over the period (e.g. 3000000000 for 2022)." };
        var output = new Option<string>("--out") { Description = "Folder for the consolidated reports.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var command = new Command("demo", "Run the pipeline end to end on generated data, against an embedded Azurite unless --storage is given.")
        {
            storage, verbose, licences, from, to, seed, targetKwh, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoOptions
            {
                Licences = parse.GetValue(licences),
                From = Month.TryParse(parse.GetValue(from), out var f) ? f : throw new UsageException("--from must be a month such as 2024-01."),
                To = Month.TryParse(parse.GetValue(to), out var t) ? t : throw new UsageException("--to must be a month such as 2025-12."),
                Seed = parse.GetValue(seed),
                TargetKwh = parse.GetValue(targetKwh),
            };
            if (options.Licences is < 1 or > 5000) throw new UsageException("--licences must be between 1 and 5000.");
            if (options.To < options.From) throw new UsageException("--to must not be before --from.");
            return await RunAsync(console, options, parse.GetValue(storage), parse.GetValue(output)!, parse.GetValue(verbose), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, DemoOptions options, string? storageOption, string outputFolder, bool verbose, CancellationToken cancellationToken)
    {
        await using var embedded = await EmbeddedStorage.OpenAsync(storageOption, null, console, cancellationToken).ConfigureAwait(false);
        await Step(console, $"Generating {options.Licences} miners' reports for {options.From} to {options.To}").ConfigureAwait(false);
        var plan = DemoPlan.Create(options);
        var external = ExternalDataPlan.Create(plan, options.Seed);

        // The external systems (market operator, AIFC exchanges, pools) served locally from generated data.
        var externalFolder = Path.Combine(outputFolder, "external-data");
        external.WriteTo(externalFolder);
        const string apiKey = "demo-stand-in-key";
        await using var standIn = await ExternalStandInServer.StartAsync(new StandInOptions { DataFolder = externalFolder, ApiKey = apiKey }, cancellationToken).ConfigureAwait(false);

        var settings = CliServices.StorageSettings(console, embedded.ConnectionString);
        foreach (var source in new[] { "MarketOperator", "Exchange", "Pools" })
        {
            settings[$"ExternalSources:{source}:BaseUrl"] = standIn.BaseUrl.ToString();
            settings[$"ExternalSources:{source}:ApiKey"] = apiKey;
        }

        // The demo uploads two years at once, so each upload carries the date its miner filed it.
        settings["Ingestion:TrustReceivedAtMetadata"] = "true";
        settings["Reports:FirstQuarter"] = options.From.Quarter.ToString();
        await using var services = CliServices.Build(settings, verbose);

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {plan.Registry.Licences.Count} licences, {plan.Uploads.Count} uploads ({plan.Uploads.Count(u => u.Late && u.Story is UploadStory.Late or UploadStory.Fix or UploadStory.Correction)} reports late, {Count(plan, UploadStory.Broken)} broken files, {Count(plan, UploadStory.WrongFigures)} reports corrected later, {Count(plan, UploadStory.Duplicate)} duplicates)")).ConfigureAwait(false);

        await Step(console, "Importing the registry").ConfigureAwait(false);
        var import = await services.GetRequiredService<RegistryImportService>().ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(plan.Registry)), cancellationToken).ConfigureAwait(false);
        if (!import.Valid) throw new InvalidOperationException("The generated registry is invalid: " + string.Join("; ", import.Validation.Issues.Select(i => i.Message.ToString())));
        await console.Out.WriteLineAsync($"  registry {import.Result!.Version}: {plan.Registry.Licences.Count} licences, {plan.Registry.Quotas.Count} monthly quotas, {plan.Registry.Equipment.Count} equipment lines").ConfigureAwait(false);

        await Step(console, $"Uploading {plan.Uploads.Count} workbooks to the uploads container").ConfigureAwait(false);
        await UploadAsync(console, services.GetRequiredService<StorageClients>(), plan, cancellationToken).ConfigureAwait(false);

        await Step(console, "Ingesting (validation, assessment, feedback)").ConfigureAwait(false);
        var sweep = await IngestCommand.SweepAsync(services.GetRequiredService<UploadSweeper>(), console, showProgress: true, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync("  " + IngestCommand.Summary(sweep, console)).ConfigureAwait(false);

        await Step(console, $"Reconciling against the external systems (stand-in at {standIn.BaseUrl})").ConfigureAwait(false);
        var reconciliation = services.GetRequiredService<ReconciliationService>();
        var findings = 0;
        var incomplete = 0;
        foreach (var month in DemoPlan.Months(options.From, options.To))
        {
            var result = await reconciliation.ReconcileAsync(month, sweep: false, cancellationToken).ConfigureAwait(false);
            findings += result.Findings.Count;
            if (!result.Complete) incomplete++;
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  {findings} findings over {DemoPlan.Months(options.From, options.To).Count()} months (missing and late reports, and {external.Discrepancies.Count} planted differences against external data){(incomplete > 0 ? $"; {incomplete} months with a source unavailable" : "")}")).ConfigureAwait(false);

        await Step(console, "Building the consolidated quarterly reports").ConfigureAwait(false);
        var store = services.GetRequiredService<ReportStore>();
        var results = new List<QuarterlyReportResult>();
        for (var quarter = options.From.Quarter; quarter <= options.To.Quarter; quarter = quarter.Next)
        {
            var result = await services.GetRequiredService<QuarterlyReportService>().BuildAsync(quarter, cancellationToken).ConfigureAwait(false);
            await ReportCommands.SaveAsync(store, result.Version, Path.Combine(outputFolder, $"consolidated-{quarter}.xlsx"), cancellationToken).ConfigureAwait(false);
            results.Add(result);
        }

        await PrintSummaryAsync(console, results, outputFolder).ConfigureAwait(false);
        if (sweep.HasFailures)
        {
            await console.Error.WriteLineAsync("Some uploads failed with transient storage faults; run 'reporting ingest' again.").ConfigureAwait(false);
            return ReportingCommandLine.Findings;
        }

        return ReportingCommandLine.Success;
    }

    private static int Count(DemoPlan plan, UploadStory story) => plan.Uploads.Count(u => u.Story == story);

    private static async Task UploadAsync(CliConsole console, StorageClients clients, DemoPlan plan, CancellationToken cancellationToken)
    {
        var container = clients.Uploads;
        var done = 0;
        async Task UploadAll(Action<int>? report)
        {
            await Parallel.ForEachAsync(plan.Uploads, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (upload, token) =>
            {
                await container.GetBlobClient(upload.BlobName).UploadAsync(new BinaryData(upload.Content), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = FeedbackStore.WorkbookContentType },
                    Metadata = new Dictionary<string, string> { [UploadBlob.ReceivedAtMetadata] = upload.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
                }, token).ConfigureAwait(false);
                report?.Invoke(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        }

        if (!console.IsInteractive)
        {
            await UploadAll(null).ConfigureAwait(false);
            return;
        }

        await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("Uploading", maxValue: plan.Uploads.Count);
            await UploadAll(n => task.Value = n).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task PrintSummaryAsync(CliConsole console, IReadOnlyList<QuarterlyReportResult> results, string folder)
    {
        var c = CultureInfo.InvariantCulture;
        await console.Out.WriteLineAsync().ConfigureAwait(false);
        await console.Out.WriteLineAsync(string.Create(c, $"{"Quarter",-8} {"Licences",8} {"kWh",18} {"Fee KZT",20} {"Violations",10} {"Missing",8} {"Late",6} {"Findings",8}  Report")).ConfigureAwait(false);
        foreach (var r in results)
        {
            var t = r.Report.Totals;
            var path = Path.Combine(folder, $"consolidated-{r.Report.Quarter}.xlsx");
            await console.Out.WriteLineAsync(string.Create(c,
                $"{r.Report.Quarter,-8} {t.Licences,8} {t.KwhTotal,18:#,##0} {t.FeeKzt,20:#,##0.00} {t.Violations,10} {r.Report.Missing.Count,8} {t.LateReports,6} {t.Findings,8}  {path}")).ConfigureAwait(false);
        }

        foreach (var year in results.GroupBy(r => r.Report.Quarter.Year))
        {
            var kwh = year.Sum(r => r.Report.Totals.KwhTotal);
            var fee = year.Sum(r => r.Report.Totals.FeeKzt);
            await console.Out.WriteLineAsync(string.Create(c,
                $"{year.Key}: {kwh:#,##0} kWh, fees {fee:#,##0.00} KZT (about {fee / UsdRate(year.Key) / 1_000_000m:0.0} million USD at {UsdRate(year.Key)} KZT/USD)")).ConfigureAwait(false);
        }

        if (results.Any(r => r.Report.Quarter.Year == 2022))
            await console.Out.WriteLineAsync("For comparison, the source article: about 3 billion kWh consumed in 2022 at 1 KZT/kWh, about 7 million USD of fees.").ConfigureAwait(false);
        await console.Out.WriteLineAsync($"Reports, CSVs and version history are in the reports container; copies in {Path.GetFullPath(folder)}.").ConfigureAwait(false);
    }

    /// <summary>Approximate average KZT per USD, for orientation only (2022: about 460, as the source article uses).</summary>
    private static decimal UsdRate(int year) => year switch
    {
        2022 => 460m,
        2023 => 456m,
        2024 => 469m,
        _ => 510m,
    };

    private static Task Step(CliConsole console, string text) => console.Out.WriteLineAsync($"==> {text}");
}
