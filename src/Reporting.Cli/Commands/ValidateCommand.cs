using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Validation;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting validate FILE... [--json]`: checks miners' workbooks offline. Prints
/// `FILE: Sheet!Cell: code: message` per issue; exit 0 when every file is valid, 1 when any has errors.
/// </summary>
internal static class ValidateCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Workbooks to validate (.xlsx).", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("validate", "Validate miners' report workbooks and list every problem, cell by cell.") { files, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            CommonOptions.RequireFiles(paths);

            await using var services = CliServices.Build(new Dictionary<string, string?>(), verbose: false, validateOnStart: false);
            var validator = services.GetRequiredService<ReportValidator>();
            var results = paths.Select(validator.ValidateFile).ToArray();

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(results, ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var result in results) await WriteTextAsync(console.Out, result).ConfigureAwait(false);
            }

            return results.All(r => r.Valid) ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, FileValidation result)
    {
        foreach (var issue in result.Issues)
        {
            var severity = issue.Severity == "warning" ? " (warning)" : "";
            await output.WriteLineAsync($"{result.File}: {issue.ToLine()}{severity}").ConfigureAwait(false);
        }

        var what = string.Join(" ", new[] { result.Kind, result.Licence, result.Period }.Where(s => s is not null));
        var errors = result.Issues.Count(i => i.Severity == "error");
        var warnings = result.Issues.Count - errors;
        await output.WriteLineAsync(result.Valid
            ? $"{result.File}: valid {what}{(warnings > 0 ? $" ({warnings} warnings)" : "")}"
            : $"{result.File}: rejected {what}{(what.Length > 0 ? " " : "")}({errors} errors, {warnings} warnings)").ConfigureAwait(false);
    }
}
