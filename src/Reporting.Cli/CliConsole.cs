namespace Reporting.Cli;

/// <summary>The writers a command prints to; tests pass their own.</summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>True when stdout is a real terminal (progress bars and colours are shown only then).</summary>
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;
}
