using System.CommandLine;
using Reporting.Cli.Commands;

namespace Reporting.Cli;

/// <summary>
/// The `reporting` command tree. Exit codes: 0 success, 1 the input has errors or violations,
/// 2 usage errors (bad arguments, unreadable files, missing configuration).
/// </summary>
public static class ReportingCommandLine
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(stdout, stderr);
        var root = new RootCommand("Kazakhstan digital mining reporting pipeline: validate, ingest, assess and report.");
        foreach (var command in CommandCatalog.Build(console)) root.Add(command);

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors) await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run 'reporting --help' for usage.").ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (Domain.Rules.RulesException e)
        {
            // A rules file (--rules or Rules:Path) that is malformed or gapped: the message names the entry.
            await stderr.WriteLineAsync($"error: rules: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            await stderr.WriteLineAsync($"error: settings: {string.Join(" ", e.Failures)}").ConfigureAwait(false);
            return UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
    }
}

/// <summary>A problem with how the command was called or configured; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
