using Reporting.Domain.Text;

namespace Reporting.Cli;

/// <summary>
/// The writers a command prints to (tests pass their own), made inert (<see cref="InertWriter"/>), and the language
/// its human output is in (--lang, else REPORTING_LANG, else English).
/// </summary>
public sealed class CliConsole(TextWriter stdout, TextWriter stderr, Language language = Language.En)
{
    private readonly TextWriter _rawOut = stdout;

    public TextWriter Out { get; } = new InertWriter(stdout);
    public TextWriter Error { get; } = new InertWriter(stderr);

    public Language Language { get; } = language;

    public Words Words { get; } = MessageCatalog.Default.In(language);

    /// <summary>True when stdout is a real terminal (progress bars and colours are shown only then).</summary>
    public bool IsInteractive => ReferenceEquals(_rawOut, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A text in the console's language.</summary>
    public string this[TextKey key] => Words[key];

    public string Say(Message message) => Words.Render(message);
}
