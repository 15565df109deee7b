using System.CommandLine;
using Cronos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Application.Reports;
using Reporting.Application.Schedules;
using Reporting.Storage;
using Reporting.Web.Hosting;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting serve`: the local stand-in for the Functions host. Sweeps the uploads every few seconds (Event
/// Grid cannot fire locally), runs the timers on their cron schedules and serves the miners' portal on 127.0.0.1
/// (PortalServer), against the given storage or an embedded Azurite, until Ctrl+C.
/// </summary>
internal static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var interval = new Option<double>("--interval") { Description = "Seconds between sweeps of the uploads container.", DefaultValueFactory = _ => 5 };
        var data = new Option<string?>("--data") { Description = "Keep the embedded Azurite's data in this folder (default: in memory)." };
        var reportsNow = new Option<bool>("--reports-now") { Description = "Also build the quarterly reports once at start (the timer itself never runs on start-up)." };
        var port = new Option<int>("--port") { Description = "Port of the miners' portal on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 5080 };
        var command = new Command("serve", "Run the pipeline continuously: sweep uploads every few seconds, run the timers on schedule, serve the portal. Ctrl+C stops.")
        {
            storage, verbose, interval, data, reportsNow, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(interval);
            if (seconds is < 0.5 or > 3600) throw new UsageException("--interval must be between 0.5 and 3600 seconds.");
            if (parse.GetValue(port) is < 0 or > 65535) throw new UsageException("--port must be between 0 and 65535.");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                await using var embedded = await EmbeddedStorage.OpenAsync(parse.GetValue(storage), parse.GetValue(data), console, stop.Token).ConfigureAwait(false);
                var settings = CliServices.StorageSettings(console, embedded.ConnectionString);
                await using var services = CliServices.Build(settings, parse.GetValue(verbose));
                await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(stop.Token).ConfigureAwait(false);
                var clients = services.GetRequiredService<StorageClients>();
                if (embedded.IsEmbedded) await console.Out.WriteLineAsync($"Storage connection string (drop workbooks into '{clients.Layout.UploadsContainer}/LICENCE/'):\n{embedded.ConnectionString}").ConfigureAwait(false);
                // The miners' portal beside the loop: loopback only, development sign-in, uploads processed on receipt.
                await using var portal = await PortalServer.StartAsync(new PortalServerOptions
                {
                    Port = parse.GetValue(port),
                    Settings = settings,
                    ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning),
                }, stop.Token).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Portal: {portal.BaseUrl} (development sign-in, this machine only)").ConfigureAwait(false);
                return await LoopAsync(console, services, TimeSpan.FromSeconds(seconds), parse.GetValue(reportsNow), stop.Token).ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    public static async Task<int> LoopAsync(CliConsole console, IServiceProvider services, TimeSpan interval, bool reportsNow, CancellationToken stop)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var schedules = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        var reportsCron = ScheduleOptions.Parse(schedules.QuarterlyReports);
        var reconcileCron = ScheduleOptions.Parse(schedules.Reconciliation);
        var nextReports = reportsNow ? time.GetUtcNow() : Next(reportsCron, time.GetUtcNow());
        var nextReconcile = Next(reconcileCron, time.GetUtcNow());
        await console.Out.WriteLineAsync($"Serving: sweeping every {interval.TotalSeconds:0.#} s; quarterly reports at '{schedules.QuarterlyReports}' (next {nextReports:u}); reconciliation at '{schedules.Reconciliation}' (next {nextReconcile:u}). Ctrl+C stops.").ConfigureAwait(false);
        var sweeper = services.GetRequiredService<UploadSweeper>();
        var scheduler = services.GetRequiredService<QuarterlyReportScheduler>();
        while (!stop.IsCancellationRequested)
        {
            // Each step on its own: a failure is printed and the loop goes on (a scheduled step waits for its next time).
            var stopped = !await StepAsync("sweep", async () =>
            {
                var result = await sweeper.SweepAsync(null, stop).ConfigureAwait(false);
                foreach (var outcome in result.Outcomes) await console.Out.WriteLineAsync($"{time.GetUtcNow():HH:mm:ss} {IngestCommand.Line(outcome, console)}").ConfigureAwait(false);
            }).ConfigureAwait(false);

            if (!stopped && time.GetUtcNow() >= nextReconcile)
            {
                stopped = !await StepAsync("reconciliation", async () =>
                {
                    var (_, months) = await services.GetRequiredService<ReconciliationScheduler>().RunAsync(stop).ConfigureAwait(false);
                    foreach (var month in months)
                        await console.Out.WriteLineAsync($"{time.GetUtcNow():HH:mm:ss} reconciled {month.Month}: {month.Findings.Count} findings; {string.Join(", ", month.Sources.Select(s => $"{s.Key} {s.Value.State}"))}").ConfigureAwait(false);
                }).ConfigureAwait(false);
                nextReconcile = Next(reconcileCron, time.GetUtcNow());
            }

            if (!stopped && time.GetUtcNow() >= nextReports)
            {
                stopped = !await StepAsync("quarterly reports", async () =>
                {
                    foreach (var report in await scheduler.RunAsync(stop).ConfigureAwait(false))
                    {
                        if (report.Created) await console.Out.WriteLineAsync($"{time.GetUtcNow():HH:mm:ss} {ReportCommands.Describe(report, console)}").ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
                nextReports = Next(reportsCron, time.GetUtcNow());
            }

            if (stopped) break;
            try
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // False when Ctrl+C stopped the step.
        async Task<bool> StepAsync(string name, Func<Task> step)
        {
            try
            {
                await step().ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (TransientFaults.IsTransient(e))
            {
                await console.Error.WriteLineAsync($"{time.GetUtcNow():HH:mm:ss} {name}: storage unavailable ({e.Message}); trying again later").ConfigureAwait(false);
                return true;
            }
            catch (Exception e)
            {
                await console.Error.WriteLineAsync($"{time.GetUtcNow():HH:mm:ss} {name} failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
                return true;
            }
        }

        await console.Out.WriteLineAsync("Stopped.").ConfigureAwait(false);
        return ReportingCommandLine.Success;
    }

    private static DateTimeOffset Next(CronExpression cron, DateTimeOffset after) =>
        cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
