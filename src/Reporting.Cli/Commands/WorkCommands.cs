using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Work;
using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Storage;
using Reporting.Storage.Work;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting status [--json]`: what the work queues hold, what is in their poison queues (units that failed for good) and
/// the last run of every unit; exit 1 when something is poisoned. `reporting retry [--queue Q]`: sends the poison
/// messages back to their queues after a fix.
/// </summary>
internal static class WorkCommands
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return Status(console);
        yield return Retry(console);
    }

    private static Command Status(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("status", "Show the work queues, units that failed for good (poison queues) and each unit's last run.") { storage, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var queues = await services.GetRequiredService<WorkStatusService>().StatusAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(queues.Select(q => new
                {
                    queue = q.Queue.Code(),
                    waiting = q.Waiting,
                    poison = q.Poison,
                    poisonMessages = q.PoisonMessages,
                    units = q.Units.Select(u => new
                    {
                        target = u.Target,
                        batch = u.Batch,
                        state = u.State.Code(),
                        attempt = u.Attempt,
                        startedAt = u.StartedAt,
                        finishedAt = u.FinishedAt,
                        detail = u.Detail is null ? null : console.Say(u.Detail),
                    }),
                }), ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var queue in queues)
                {
                    await console.Out.WriteLineAsync(console.Say(CliTexts.StatusQueue.With(("queue", queue.Queue.Code()), ("waiting", queue.Waiting), ("poison", queue.Poison)))).ConfigureAwait(false);
                    foreach (var message in queue.PoisonMessages)
                        await console.Out.WriteLineAsync(console.Say(CliTexts.StatusPoisonMessage.With(("message", message)))).ConfigureAwait(false);
                    foreach (var unit in queue.Units.Where(u => u.State != WorkUnitState.Done))
                    {
                        await console.Out.WriteLineAsync(console.Say(CliTexts.StatusUnit.With(("state", Terms.Term(unit.State)), ("target", unit.Target), ("batch", unit.Batch),
                            ("attempt", unit.Attempt), ("finished", unit.FinishedAt is { } at ? MessageValue.Instant(at) : "-"),
                            ("detail", unit.Detail is null ? "" : MessageValue.Nested(unit.Detail))))).ConfigureAwait(false);
                    }
                }

                if (queues.All(q => q.Poison == 0 && q.Units.All(u => u.State == WorkUnitState.Done)))
                    await console.Out.WriteLineAsync(console[CliTexts.StatusAllWell]).ConfigureAwait(false);
            }

            return queues.Any(q => q.Poison > 0) ? ReportingCommandLine.Findings : ReportingCommandLine.Success;
        });
        return command;
    }

    private static Command Retry(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var queue = new Option<string?>("--queue") { Description = "Only this queue: " + string.Join(", ", EnumCodes.Codes<WorkQueue>()) + "." };
        var command = new Command("retry", "Send the units that failed for good (in the poison queues) back to their queues, after a fix.") { storage, queue, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            WorkQueue? only = null;
            if (parse.GetValue(queue) is { } text)
            {
                only = EnumCodes.TryParse<WorkQueue>(text, out var parsed)
                    ? parsed
                    : throw new UsageException(console.Say(CliTexts.NotAQueue.With(("text", text), ("queues", MessageValue.Texts(EnumCodes.Codes<WorkQueue>())))));
            }

            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var moved = await services.GetRequiredService<WorkStatusService>().RetryAsync(only, cancellationToken).ConfigureAwait(false);
            foreach (var message in moved) await console.Out.WriteLineAsync(console.Say(CliTexts.RetryUnit.With(("message", message)))).ConfigureAwait(false);
            await console.Out.WriteLineAsync(console.Say(CliTexts.RetryMoved.With(("count", moved.Count)))).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }
}
