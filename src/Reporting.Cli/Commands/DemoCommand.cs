using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Storage;

namespace Reporting.Cli.Commands;

/// <summary>`reporting demo`: the main job end to end against an Azurite it starts itself.</summary>
internal static class DemoCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var command = new Command("demo", "Run the pipeline end to end on generated data, against an embedded Azurite unless --storage is given.")
        {
            storage, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var embedded = await EmbeddedStorage.OpenAsync(parse.GetValue(storage), null, console, cancellationToken).ConfigureAwait(false);
            await using var services = CliServices.Build(CliServices.StorageSettings(embedded.ConnectionString), parse.GetValue(verbose));
            await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var clients = services.GetRequiredService<StorageClients>();
            await console.Out.WriteLineAsync($"Storage ready: {clients.Layout.Containers.Count} containers, {clients.Layout.Tables.Count} tables.").ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }
}
