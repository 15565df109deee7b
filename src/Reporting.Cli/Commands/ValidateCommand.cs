using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Validation;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting validate FILE... [--json] [--lang kk|ru|en]`: checks miners' workbooks offline. Prints
/// `FILE: Sheet!Cell: code: message` per issue, in the chosen language; exit 0 when every file is valid, 1 when any has errors.
/// </summary>
internal static class ValidateCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("validate") { files, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            CommonOptions.RequireFiles(console, paths);

            await using var services = CliServices.Build(new Dictionary<string, string?>(), verbose: false, validateOnStart: false);
            var validator = services.GetRequiredService<ReportValidator>();
            var results = paths.Select(path => validator.ValidateFile(path, console.Language)).ToArray();

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(results, ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var result in results) await WriteTextAsync(console, result).ConfigureAwait(false);
            }

            return results.All(r => r.Valid) ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return command;
    }

    private static async Task WriteTextAsync(CliConsole console, FileValidation result)
    {
        var warning = console[CliTexts.ValidateWarning];
        foreach (var issue in result.Issues)
        {
            var severity = issue.Severity == "warning" ? $" ({warning})" : "";
            await console.Out.WriteLineAsync($"{result.File}: {issue.ToLine()}{severity}").ConfigureAwait(false);
        }

        var kind = result.Kind is null ? null : console.Words[Domain.Text.Terms.Of(Domain.EnumCodes.Parse<Domain.Reports.ReportKind>(result.Kind))];
        var what = string.Join(" ", new[] { kind, result.Licence, result.Period }.Where(s => s is not null));
        var errors = result.Issues.Count(i => i.Severity == "error");
        var warnings = result.Issues.Count - errors;
        await console.Out.WriteLineAsync(result.Valid
            ? console.Say(CliTexts.ValidateValid.With(("file", result.File), ("what", what), ("warnings", warnings)))
            : console.Say(CliTexts.ValidateRejected.With(("file", result.File), ("what", what), ("errors", errors), ("warnings", warnings)))).ConfigureAwait(false);
    }
}
