using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Registry;
using Reporting.Application.Validation;

namespace Reporting.Cli.Commands;

/// <summary>`reporting registry import REGISTRY.xlsx`: loads licences, quotas, equipment, exchanges and users (idempotent).</summary>
internal static class RegistryCommands
{
    public static Command Build(CliConsole console)
    {
        var file = new Argument<string>("file");
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var import = new Command("import") { file, storage, json, verbose };
        import.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            CommonOptions.RequireFiles(console, [path]);
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            RegistryImport result;
            await using (var stream = File.OpenRead(path))
                result = await services.GetRequiredService<RegistryImportService>().ImportAsync(stream, cancellationToken).ConfigureAwait(false);

            var issues = IssueView.From(result.Validation, console.Words);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { valid = result.Valid, result = result.Result, issues }, ReportingJson.Options)).ConfigureAwait(false);
            }
            else if (!result.Valid)
            {
                foreach (var issue in issues) await console.Out.WriteLineAsync($"{path}: {issue.ToLine()}").ConfigureAwait(false);
                await console.Out.WriteLineAsync(console.Say(CliTexts.RegistryNotImported.With(("file", path), ("errors", result.Validation.ErrorCount)))).ConfigureAwait(false);
            }
            else
            {
                var r = result.Result!;
                foreach (var t in r.Tables)
                {
                    await console.Out.WriteLineAsync(console.Say(CliTexts.RegistryTable.With(("table", t.Table), ("added", t.Added), ("updated", t.Updated),
                        ("removed", t.Removed), ("unchanged", t.Unchanged)))).ConfigureAwait(false);
                }

                await console.Out.WriteLineAsync(r.Changed
                    ? console.Say(CliTexts.RegistryImported.With(("version", r.Version), ("previous", r.PreviousVersion ?? console[CliTexts.RegistryEmpty])))
                    : console.Say(CliTexts.RegistryUnchanged.With(("version", r.Version)))).ConfigureAwait(false);
            }

            return result.Valid ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return new Command("registry") { import };
    }
}
