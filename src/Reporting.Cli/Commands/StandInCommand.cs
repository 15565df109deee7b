using System.CommandLine;
using Reporting.ExternalStandIn;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting stand-in --data DIR`: serves the external APIs (market operator, exchange confirmations, pool
/// distributions) from a data folder on 127.0.0.1, optionally with injected faults, until Ctrl+C.
/// </summary>
internal static class StandInCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "The data folder (purchases/, trades/, distributions/; see docs/external-apis.md).", Required = true };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: a free one).", DefaultValueFactory = _ => 0 };
        var key = new Option<string>("--api-key") { Description = "The API key clients must send (X-Api-Key).", DefaultValueFactory = _ => "local-stand-in-key" };
        var fault = new Option<string?>("--fault") { Description = "A fault to inject, e.g. 'ServerError@Probability(0.5,7)' or 'TooManyRequests:2@EveryNth(3)'." };
        var command = new Command("stand-in", "Serve the external systems' APIs locally from a data folder, with optional faults.") { data, port, key, fault };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!Directory.Exists(folder)) throw new UsageException($"Folder not found: {folder}");
            FaultPlan plan;
            try
            {
                plan = parse.GetValue(fault) is { } text ? FaultPlan.Parse(text) : FaultPlan.None;
            }
            catch (FormatException e)
            {
                throw new UsageException($"--fault: {e.Message}");
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                await using var server = await ExternalStandInServer.StartAsync(new StandInOptions
                {
                    DataFolder = folder,
                    ApiKey = parse.GetValue(key)!,
                    Port = parse.GetValue(port),
                    Fault = plan,
                }, stop.Token).ConfigureAwait(false);
                await console.Out.WriteLineAsync(console.Say(CliTexts.StandInServing.With(("folder", Path.GetFullPath(folder)), ("url", server.BaseUrl.ToString()),
                    ("fault", parse.GetValue(fault) ?? console[CliTexts.None])))).ConfigureAwait(false);
                foreach (var source in new[] { "MarketOperator", "Exchange", "Pools" })
                {
                    await console.Out.WriteLineAsync($"  export ExternalSources__{source}__BaseUrl={server.BaseUrl}").ConfigureAwait(false);
                    await console.Out.WriteLineAsync($"  export ExternalSources__{source}__ApiKey={parse.GetValue(key)}").ConfigureAwait(false);
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                await console.Out.WriteLineAsync(console.Say(CliTexts.StandInStopped.With(("requests", server.Requests.Total)))).ConfigureAwait(false);
                return ReportingCommandLine.Success;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }
}
