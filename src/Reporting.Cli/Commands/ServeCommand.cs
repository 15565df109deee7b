using System.CommandLine;
using Cronos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Schedules;
using Reporting.Application.Work;
using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Storage;
using Reporting.Web.Hosting;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting serve`: the local stand-in for the Functions host. Runs the sweep timer every few seconds (Event Grid
/// cannot fire locally) and the other timers on their cron schedules, and runs the queues' units of work with the
/// host's semantics (the same handlers as the Functions app), against the given storage or an embedded Azurite, until Ctrl+C;
/// and serves the miners' portal on 127.0.0.1 (PortalServer).
/// </summary>
internal static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var interval = new Option<double>("--interval") { DefaultValueFactory = _ => 5 };
        var data = new Option<string?>("--data");
        var reportsNow = new Option<bool>("--reports-now");
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 5080 };
        var command = new Command("serve")
        {
            storage, verbose, interval, data, reportsNow, port,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(interval);
            if (seconds is < 0.5 or > 3600) throw new UsageException(console[CliTexts.ServeBadInterval]);
            if (parse.GetValue(port) is < 0 or > 65535) throw new UsageException(console[CliTexts.ServeBadPort]);
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
                if (embedded.IsEmbedded)
                    await console.Out.WriteLineAsync(console.Say(CliTexts.ServeStorage.With(("container", clients.Layout.UploadsContainer), ("connection", embedded.ConnectionString)))).ConfigureAwait(false);
                return await HostAsync(console, settings, services, parse.GetValue(port), TimeSpan.FromSeconds(seconds), parse.GetValue(reportsNow), parse.GetValue(verbose), stop.Token)
                    .ConfigureAwait(false);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>
    /// The portal on 127.0.0.1 (development sign-in, uploads processed on receipt) beside the local host's loop, until
    /// <paramref name="stop"/>: what `serve` runs, and `demo --serve` after the demo.
    /// </summary>
    public static async Task<int> HostAsync(CliConsole console, IReadOnlyDictionary<string, string?> settings, IServiceProvider services, int port, TimeSpan interval,
        bool reportsNow, bool verbose, CancellationToken stop)
    {
        await using var portal = await PortalServer.StartAsync(new PortalServerOptions
        {
            Port = port,
            Settings = settings,
            ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning),
        }, stop).ConfigureAwait(false);
        await console.Out.WriteLineAsync(console.Say(CliTexts.ServePortal.With(("url", portal.BaseUrl.ToString())))).ConfigureAwait(false);
        return await LoopAsync(console, services, interval, reportsNow, stop).ConfigureAwait(false);
    }

    /// <summary>
    /// The local host's loop: the sweep timer every <paramref name="interval"/> (Event Grid cannot fire locally), the other
    /// timers on their schedules, and the queues run as the Functions host runs them, until <paramref name="stop"/>.
    /// </summary>
    public static async Task<int> LoopAsync(CliConsole console, IServiceProvider services, TimeSpan interval, bool reportsNow, CancellationToken stop)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var schedules = services.GetRequiredService<IOptions<ScheduleOptions>>().Value;
        var timers = new[] { WorkQueue.Reconcile, WorkQueue.Report, WorkQueue.Audit }
            .ToDictionary(kind => kind, kind => (Cron: ScheduleOptions.Parse(schedules.Of(kind)), Next: Next(ScheduleOptions.Parse(schedules.Of(kind)), time.GetUtcNow())));
        if (reportsNow) timers[WorkQueue.Report] = (timers[WorkQueue.Report].Cron, time.GetUtcNow());
        var described = timers.Select(t => console.Say(CliTexts.ServeTimer.With(("name", t.Key.Code()), ("schedule", schedules.Of(t.Key)), ("next", MessageValue.Instant(t.Value.Next)))));
        await console.Out.WriteLineAsync(console.Say(CliTexts.ServeStarted.With(("interval", MessageValue.Number((decimal)interval.TotalSeconds)), ("timers", MessageValue.Texts(described))))).ConfigureAwait(false);

        var scheduler = services.GetRequiredService<WorkScheduler>();
        var host = services.GetRequiredService<LocalQueueHost>();
        while (!stop.IsCancellationRequested)
        {
            // Each step on its own: a failure is printed and the loop goes on (a timer waits for its next time).
            var stopped = !await StepAsync("sweep", () => TickAsync(WorkQueue.Sweep)).ConfigureAwait(false);
            foreach (var kind in timers.Keys.ToArray())
            {
                if (stopped || time.GetUtcNow() < timers[kind].Next) continue;
                stopped = !await StepAsync(kind.Code(), () => TickAsync(kind)).ConfigureAwait(false);
                timers[kind] = (timers[kind].Cron, Next(timers[kind].Cron, time.GetUtcNow()));
            }

            // The queues until nothing is visible (a failed unit's message comes back after its retry delay, on a later round).
            for (var round = 0; !stopped && round < MaxRoundsPerTick; round++)
            {
                var ran = 0;
                stopped = !await StepAsync("work", async () => ran = await RunVisibleAsync().ConfigureAwait(false)).ConfigureAwait(false);
                if (ran == 0) break;
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

        async Task TickAsync(WorkQueue kind)
        {
            var units = await scheduler.TickAsync(kind, stop).ConfigureAwait(false);
            if (units.Count > 0 && kind != WorkQueue.Sweep)
                await console.Out.WriteLineAsync(console.Say(CliTexts.ServeEnqueued.With(("time", Clock()), ("timer", kind.Code()), ("units", units.Count)))).ConfigureAwait(false);
        }

        async Task<int> RunVisibleAsync()
        {
            var runs = await host.RunVisibleAsync(stop).ConfigureAwait(false);
            foreach (var run in runs)
            {
                foreach (var outcome in run.Done?.Uploads ?? [])
                    await console.Out.WriteLineAsync(console.Say(CliTexts.ServeUpload.With(("time", Clock()), ("line", IngestCommand.Line(outcome, console))))).ConfigureAwait(false);
                // A sweep unit speaks through its uploads' lines; the others say what they did.
                Message? line = run.Done is { } done
                    ? run.Queue == WorkQueue.Sweep ? null : CliTexts.ServeUnitDone.With(("time", Clock()), ("queue", run.Queue.Code()), ("target", run.Target), ("detail", MessageValue.Nested(done.Summary)))
                    : run.Poisoned
                        ? CliTexts.ServeUnitPoisoned.With(("time", Clock()), ("queue", run.Queue.Code()), ("target", run.Target), ("error", run.Error))
                        : CliTexts.ServeUnitFailed.With(("time", Clock()), ("queue", run.Queue.Code()), ("target", run.Target), ("error", run.Error), ("delivery", run.Delivery));
                if (line is not null) await (run.Done is null ? console.Error : console.Out).WriteLineAsync(console.Say(line)).ConfigureAwait(false);
            }

            return runs.Count;
        }

        string Clock() => time.GetUtcNow().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

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
                await console.Error.WriteLineAsync(console.Say(CliTexts.ServeStepUnavailable.With(("time", Clock()), ("step", name), ("error", e.Message)))).ConfigureAwait(false);
                return true;
            }
            catch (Exception e)
            {
                await console.Error.WriteLineAsync(console.Say(CliTexts.ServeStepFailed.With(("time", Clock()), ("step", name), ("type", e.GetType().Name), ("error", e.Message)))).ConfigureAwait(false);
                return true;
            }
        }

        await console.Out.WriteLineAsync(console.Say(CliTexts.ServeStopped.With())).ConfigureAwait(false);
        return ReportingCommandLine.Success;
    }

    /// <summary>Bounds one tick's queue rounds, so the sweep timer keeps its pace while a long backlog drains.</summary>
    private const int MaxRoundsPerTick = 50;

    private static DateTimeOffset Next(CronExpression cron, DateTimeOffset after) =>
        cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
