using System.CommandLine;
using Reporting.Domain.Reports;
using Reporting.Excel.Templates;

namespace Reporting.Cli.Commands;

/// <summary>`reporting template consumption|sales --out FILE`: writes a blank report workbook for miners.</summary>
internal static class TemplateCommand
{
    public static Command Build(CliConsole console)
    {
        var kind = new Argument<string>("kind") { Description = "consumption or sales" };
        kind.AcceptOnlyFromAmong("consumption", "sales");
        var output = new Option<string>("--out") { Description = "Where to write the template (.xlsx).", Required = true };
        var command = new Command("template", "Write a blank report template (consumption or sales).") { kind, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ReportKinds.TryParse(parse.GetValue(kind), out var reportKind);
            var path = parse.GetValue(output)!;
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null && !Directory.Exists(directory)) throw new UsageException($"Folder not found: {directory}");
            await File.WriteAllBytesAsync(path, TemplateWriter.ToBytes(reportKind), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Wrote the {reportKind.Code()} template to {path}").ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }
}
