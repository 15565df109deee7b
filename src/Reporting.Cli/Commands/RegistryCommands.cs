using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Registry;

namespace Reporting.Cli.Commands;

/// <summary>`reporting registry import REGISTRY.xlsx`: loads licences, quotas, equipment and exchanges (idempotent).</summary>
internal static class RegistryCommands
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The registry workbook (sheets Licences, Quotas, Equipment, Exchanges)." };
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var import = new Command("import", "Load the registry workbook into the registry tables. An invalid file changes nothing.") { file, storage, json, verbose };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            CommonOptions.RequireFiles([path]);
            var connection = CommonOptions.RequireStorage(parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(connection), parse.GetValue(verbose));
            RegistryImport result;
            await using (var stream = File.OpenRead(path))
                result = await services.GetRequiredService<RegistryImportService>().ImportAsync(stream, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(result, ReportingJson.Options)).ConfigureAwait(false);
            }
            else if (!result.Valid)
            {
                foreach (var issue in result.Issues) await console.Out.WriteLineAsync($"{path}: {issue.ToLine()}").ConfigureAwait(false);
                await console.Out.WriteLineAsync($"{path}: not imported; nothing changed ({result.Issues.Count(i => i.Severity == "error")} errors).").ConfigureAwait(false);
            }
            else
            {
                var r = result.Result!;
                foreach (var t in r.Tables)
                    await console.Out.WriteLineAsync($"{t.Table,-10} {t.Added} added, {t.Updated} updated, {t.Removed} removed, {t.Unchanged} unchanged").ConfigureAwait(false);
                await console.Out.WriteLineAsync(r.Changed
                    ? $"Registry {r.Version} imported (was {r.PreviousVersion ?? "empty"}). Run 'reporting ingest' to re-assess with it."
                    : $"Registry {r.Version} was already imported; nothing changed.").ConfigureAwait(false);
            }

            return result.Valid ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return new Command("registry", "The state's reference data: licences, quotas, equipment, AIFC exchanges.") { import };
    }
}
