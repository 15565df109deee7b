using System.CommandLine;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Registry;
using Reporting.Excel.Templates;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting template consumption|sales|registry --out FILE [--lang kk|ru|en]`: writes a blank workbook in the chosen
/// language: a miner's report template, or the regulator's registry template.
/// </summary>
internal static class TemplateCommand
{
    public static Command Build(CliConsole console)
    {
        var kind = new Argument<string>("kind");
        kind.AcceptOnlyFromAmong("consumption", "sales", "registry");
        var output = new Option<string>("--out") { Required = true };
        var command = new Command("template") { kind, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = CommonOptions.RequireWritablePath(console, parse.GetValue(output)!);
            var which = parse.GetValue(kind)!;
            if (which == "registry")
            {
                await CommonOptions.WriteFileAsync(path, RegistryWorkbookWriter.ToBytes(Domain.Registry.Registry.Empty, console.Language), cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync(console.Say(CliTexts.TemplateRegistryWritten.With(("path", path)))).ConfigureAwait(false);
                return ReportingCommandLine.Success;
            }

            var reportKind = Domain.EnumCodes.Parse<ReportKind>(which);
            await CommonOptions.WriteFileAsync(path, TemplateWriter.ToBytes(reportKind, console.Language), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(console.Say(CliTexts.TemplateWritten.With(("kind", Terms.Term(reportKind)), ("path", path)))).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }
}
