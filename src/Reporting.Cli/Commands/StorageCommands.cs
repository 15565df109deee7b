using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Storage;

namespace Reporting.Cli.Commands;

/// <summary>`reporting storage init`: creates the containers, tables and queues of the layout.</summary>
internal static class StorageCommands
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var init = new Command("init", "Create every container, table and queue the pipeline uses (idempotent).") { storage, verbose };
        init.SetAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var clients = services.GetRequiredService<StorageClients>();
            await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in clients.Layout.Containers) await console.Out.WriteLineAsync(console.Say(CliTexts.StorageContainer.With(("name", name)))).ConfigureAwait(false);
            foreach (var name in clients.Layout.Tables) await console.Out.WriteLineAsync(console.Say(CliTexts.StorageTable.With(("name", name)))).ConfigureAwait(false);
            foreach (var name in clients.Layout.Queues) await console.Out.WriteLineAsync(console.Say(CliTexts.StorageQueue.With(("name", name)))).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });

        return new Command("storage", "Storage account housekeeping.") { init };
    }
}
