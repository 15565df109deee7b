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
using Reporting.Domain.Text;
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
        var licences = new Option<int>("--licences") { DefaultValueFactory = _ => 48 };
        var from = new Option<string>("--from") { DefaultValueFactory = _ => "2024-01" };
        var to = new Option<string>("--to") { DefaultValueFactory = _ => "2025-12" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 2025 };
        var targetKwh = new Option<decimal?>("--target-kwh");
        var output = new Option<string>("--out") { DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var serve = new Option<bool>("--serve");
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 5080 };
        var command = new Command("demo")
        {
            storage, verbose, licences, from, to, seed, targetKwh, output, serve, port,
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
            if (parse.GetValue(port) is < 0 or > 65535) throw new UsageException(console[CliTexts.ServeBadPort]);
            var serving = parse.GetValue(serve) ? parse.GetValue(port) : (int?)null;
            return await RunAsync(console, options, parse.GetValue(storage), parse.GetValue(output)!, parse.GetValue(verbose), serving, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, DemoOptions options, string? storageOption, string outputFolder, bool verbose, int? servePort,
        CancellationToken cancellationToken)
    {
        await using var embedded = await EmbeddedStorage.OpenAsync(storageOption, null, console, cancellationToken).ConfigureAwait(false);
        await Step(console, CliTexts.DemoGenerating.With(("licences", options.Licences), ("from", MessageValue.Month(options.From)), ("to", MessageValue.Month(options.To)))).ConfigureAwait(false);
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

        await Say(console, CliTexts.DemoPlan.With(("licences", plan.Registry.Licences.Count), ("uploads", plan.Uploads.Count),
            ("late", plan.Uploads.Count(u => u.Late && u.Story is UploadStory.Late or UploadStory.Fix or UploadStory.Correction)), ("broken", Count(plan, UploadStory.Broken)),
            ("corrected", Count(plan, UploadStory.WrongFigures)), ("duplicates", Count(plan, UploadStory.Duplicate)))).ConfigureAwait(false);

        await Step(console, CliTexts.DemoImporting.With()).ConfigureAwait(false);
        var import = await services.GetRequiredService<RegistryImportService>().ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(plan.Registry)), cancellationToken).ConfigureAwait(false);
        if (!import.Valid) throw new InvalidOperationException("The generated registry is invalid: " + string.Join("; ", import.Validation.Issues.Select(i => i.Message.ToString())));
        await Say(console, CliTexts.DemoImported.With(("version", import.Result!.Version), ("licences", plan.Registry.Licences.Count), ("quotas", plan.Registry.Quotas.Count),
            ("equipment", plan.Registry.Equipment.Count))).ConfigureAwait(false);

        await Step(console, CliTexts.DemoUploading.With(("uploads", plan.Uploads.Count))).ConfigureAwait(false);
        await UploadAsync(console, services.GetRequiredService<StorageClients>(), plan, cancellationToken).ConfigureAwait(false);

        await Step(console, CliTexts.DemoIngesting.With()).ConfigureAwait(false);
        var sweep = await IngestCommand.SweepAsync(services.GetRequiredService<UploadSweeper>(), console, showProgress: true, cancellationToken).ConfigureAwait(false);
        await console.Out.WriteLineAsync("  " + IngestCommand.Summary(sweep, console)).ConfigureAwait(false);

        await Step(console, CliTexts.DemoReconciling.With(("url", standIn.BaseUrl.ToString()))).ConfigureAwait(false);
        var reconciliation = services.GetRequiredService<ReconciliationService>();
        var findings = 0;
        var incomplete = 0;
        foreach (var month in DemoPlan.Months(options.From, options.To))
        {
            var result = await reconciliation.ReconcileAsync(month, sweep: false, cancellationToken).ConfigureAwait(false);
            findings += result.Findings.Count;
            if (!result.Complete) incomplete++;
        }

        await Say(console, CliTexts.DemoReconciled.With(("findings", findings), ("months", DemoPlan.Months(options.From, options.To).Count()), ("planted", external.Discrepancies.Count),
            ("incomplete", incomplete))).ConfigureAwait(false);

        await Step(console, CliTexts.DemoBuilding.With()).ConfigureAwait(false);
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
            await console.Error.WriteLineAsync(console[CliTexts.DemoIngestFailed]).ConfigureAwait(false);
            return ReportingCommandLine.Findings;
        }

        var someMiner = SampleUsers.MinerOf(plan.Registry.Licences[0].Number);
        if (servePort is not { } port)
        {
            // The embedded Azurite ends with the demo: to browse its data, the demo keeps serving it.
            await console.Out.WriteLineAsync(console[CliTexts.DemoServeHint]).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        }

        await Step(console, CliTexts.DemoServing.With(("miner", someMiner), ("committee", SampleUsers.Committee))).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await ServeCommand.HostAsync(console, settings, services, port, TimeSpan.FromSeconds(5), reportsNow: false, verbose, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
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
        // A table: the headers and figures in the reader's language and number forms, padded to columns.
        var words = console.Words;
        (TextKey Header, int Width)[] columns =
        [
            (CliTexts.DemoColumnQuarter, -18), (CliTexts.DemoColumnLicences, 9), (CliTexts.DemoColumnKwh, 19), (CliTexts.DemoColumnFee, 22),
            (CliTexts.DemoColumnViolations, 10), (CliTexts.DemoColumnMissing, 10), (CliTexts.DemoColumnLate, 10), (CliTexts.DemoColumnFindings, 10),
        ];
        string Line(IEnumerable<string> cells, string last) =>
            string.Join(" ", cells.Zip(columns, (text, column) => column.Width < 0 ? text.PadRight(-column.Width) : text.PadLeft(column.Width))) + "  " + last;

        await console.Out.WriteLineAsync().ConfigureAwait(false);
        await console.Out.WriteLineAsync(Line(columns.Select(c => words[c.Header]), words[CliTexts.DemoColumnReport])).ConfigureAwait(false);
        foreach (var r in results)
        {
            var t = r.Report.Totals;
            string[] cells =
            [
                words.Value(MessageValue.Quarter(r.Report.Quarter)), words.Value(MessageValue.Integer(t.Licences)), words.Value(MessageValue.Kwh(decimal.Round(t.KwhTotal))),
                words.Value(MessageValue.Money(t.FeeKzt)), words.Value(MessageValue.Integer(t.Violations)), words.Value(MessageValue.Integer(r.Report.Missing.Count)),
                words.Value(MessageValue.Integer(t.LateReports)), words.Value(MessageValue.Integer(t.Findings)),
            ];
            await console.Out.WriteLineAsync(Line(cells, Path.Combine(folder, $"consolidated-{r.Report.Quarter}.xlsx"))).ConfigureAwait(false);
        }

        foreach (var year in results.GroupBy(r => r.Report.Quarter.Year))
        {
            var kwh = year.Sum(r => r.Report.Totals.KwhTotal);
            var fee = year.Sum(r => r.Report.Totals.FeeKzt);
            await Say(console, CliTexts.DemoYear.With(("year", year.Key.ToString(CultureInfo.InvariantCulture)), ("kwh", MessageValue.Kwh(decimal.Round(kwh))), ("fee", MessageValue.Money(fee)),
                ("usd", MessageValue.Number(decimal.Round(fee / UsdRate(year.Key) / 1_000_000m, 1))), ("rate", MessageValue.Number(UsdRate(year.Key)))), indent: false).ConfigureAwait(false);
        }

        if (results.Any(r => r.Report.Quarter.Year == 2022)) await console.Out.WriteLineAsync(words[CliTexts.DemoArticle]).ConfigureAwait(false);
        await Say(console, CliTexts.DemoWhere.With(("folder", Path.GetFullPath(folder))), indent: false).ConfigureAwait(false);
    }

    /// <summary>Approximate average KZT per USD, for orientation only (2022: about 460, as the source article uses).</summary>
    private static decimal UsdRate(int year) => year switch
    {
        2022 => 460m,
        2023 => 456m,
        2024 => 469m,
        _ => 510m,
    };

    private static Task Step(CliConsole console, Message text) => console.Out.WriteLineAsync("==> " + console.Say(text));

    private static Task Say(CliConsole console, Message text, bool indent = true) => console.Out.WriteLineAsync((indent ? "  " : "") + console.Say(text));
}
