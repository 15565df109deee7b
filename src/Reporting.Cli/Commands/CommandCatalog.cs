using System.CommandLine;

namespace Reporting.Cli.Commands;

internal static class CommandCatalog
{
    public static IEnumerable<Command> Build(CliConsole console)
    {
        yield return ValidateCommand.Build(console);
        yield return AssessCommand.Build(console);
        yield return TemplateCommand.Build(console);
        yield return SamplesCommand.Build(console);
        yield return RegistryCommands.Build(console);
        yield return IngestCommand.Build(console);
        yield return ReportCommands.Build(console);
        yield return ReconcileCommand.Build(console);
        yield return AuditCommand.Build(console);
        foreach (var command in WorkCommands.Build(console)) yield return command;
        yield return StandInCommand.Build(console);
        yield return StorageCommands.Build(console);
        yield return DemoCommand.Build(console);
        yield return ServeCommand.Build(console);
    }
}
