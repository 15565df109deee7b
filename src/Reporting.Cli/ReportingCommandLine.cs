using System.CommandLine;
using Azure;
using Reporting.Cli.Commands;
using Reporting.Domain.Text;
using Reporting.Storage;

namespace Reporting.Cli;

/// <summary>
/// The `reporting` command tree. Exit codes: 0 success, 1 the input has errors or violations, or the run failed (storage
/// unreachable or refusing); 2 usage errors (bad arguments, unreadable files, missing or invalid configuration). Every
/// failure is one clear line on standard error; the stack trace only with --verbose.
/// </summary>
public static class ReportingCommandLine
{
    public const int Success = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
    public const string LanguageEnvironmentVariable = "REPORTING_LANG";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var verbose = args.Any(a => a is "--verbose" or "-v");
        Language language;
        try
        {
            language = LanguageOf(args);
        }
        catch (UsageException e)
        {
            await new InertWriter(stderr).WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }

        var console = new CliConsole(stdout, stderr, language);
        var root = BuildRoot(console);

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors) await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            await console.Error.WriteLineAsync(console[CliTexts.RunHelp]).ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync(console[CliTexts.Cancelled]).ConfigureAwait(false);
            return 130;
        }
        catch (Exception e)
        {
            var (code, line) = Describe(e, console.Words);
            await console.Error.WriteLineAsync(line).ConfigureAwait(false);
            if (verbose) await console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The command tree, its help in the console's language.</summary>
    internal static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand { CommonOptions.Lang() };
        foreach (var command in CommandCatalog.Build(console)) root.Add(command);
        HelpTexts.Apply(root, console.Words);
        return root;
    }

    /// <summary>What a failure means for the person at the terminal: the exit code and one line.</summary>
    internal static (int Code, string Line) Describe(Exception e, Words words)
    {
        string Say(TextKey key, params (string, MessageValue)[] values) => words.Render(CliTexts.Error.With(("message", MessageValue.Text(words.Render(key.With(values))))));
        return e switch
        {
            UsageException u => (UsageError, words.Render(CliTexts.Error.With(("message", u.Message)))),
            Domain.Rules.RulesException r => (UsageError, Say(CliTexts.ErrorRules, ("message", r.Message))),
            Microsoft.Extensions.Options.OptionsValidationException o => (UsageError, Say(CliTexts.ErrorSettings, ("message", string.Join(" ", o.Failures.Select(SettingProblem))))),
            // The storage answered, and refused: a wrong key or missing rights, or a failure on its side.
            RequestFailedException { Status: 401 or 403 } f => (Findings, Say(CliTexts.ErrorStorageAuthentication, ("status", f.Status), ("code", f.ErrorCode ?? "-"))),
            RequestFailedException { Status: > 0 } f => (Findings, Say(CliTexts.ErrorStorageRefused, ("status", f.Status), ("code", f.ErrorCode ?? "-"), ("detail", FirstLine(f.Message)))),
            // Nobody answered (nothing listening, a name that does not resolve, a timeout), after the client's own retries.
            _ when TransientFaults.IsTransient(e) => (Findings, Say(CliTexts.ErrorStorageUnreachable, ("detail", FirstLine(Innermost(e).Message)))),
            CannotWriteException w => (UsageError, Say(CliTexts.ErrorCannotWrite, ("path", w.Path), ("detail", FirstLine(w.InnerException?.Message ?? w.Message)))),
            _ => (Findings, Say(CliTexts.ErrorUnexpected, ("type", e.GetType().Name), ("message", FirstLine(e.Message)))),
        };
    }

    /// <summary>The problem itself, without the data-annotations wrapper ("DataAnnotation validation failed for ... with the error: '...'").</summary>
    private static string SettingProblem(string failure)
    {
        const string Marker = "with the error: '";
        var at = failure.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? failure : failure[(at + Marker.Length)..].TrimEnd('.').TrimEnd('\'');
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }

    /// <summary>The language of the human output: --lang, else REPORTING_LANG, else English (the operators' console, like the logs).</summary>
    private static Language LanguageOf(string[] args)
    {
        var index = Array.FindIndex(args, a => a == "--lang");
        var text = index >= 0 && index + 1 < args.Length ? args[index + 1] : Environment.GetEnvironmentVariable(LanguageEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text)) return Language.En;
        return Languages.TryParse(text, out var language) ? language : throw new UsageException($"'{text}' is not a language: use kk, ru or en.");
    }
}

/// <summary>A problem with how the command was called or configured; printed without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A file the command was asked to write could not be written (a folder, no permission, a full disk): exit code 2.</summary>
public sealed class CannotWriteException(string path, Exception inner) : Exception(inner.Message, inner)
{
    public string Path { get; } = path;
}
