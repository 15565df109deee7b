using System.CommandLine;
using Reporting.Samples;

namespace Reporting.Cli.Commands;

/// <summary>`reporting samples --out DIR`: rebuilds the sample workbooks (valid and broken) in samples/.</summary>
internal static class SamplesCommand
{
    public static Command Build(CliConsole console)
    {
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "samples" };
        var command = new Command("samples") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var written = SampleFiles.WriteAll(parse.GetValue(output)!);
            foreach (var path in written) await console.Out.WriteLineAsync(path).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }
}
