using System.Text;

namespace Reporting.Cli;

/// <summary>
/// Output to an operator's terminal, made inert: a control character (escape sequences that retitle the window, clear
/// the screen or recolour it) or a bidirectional override from a miner's file is printed as a visible \uXXXX instead
/// of acting. Line breaks and tabs pass. JSON stays valid JSON with the same data (\uXXXX is JSON's own escape).
/// </summary>
public sealed class InertWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // The base setter accepts null; TextWriter.NewLine is never set to null here.
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        if (IsActive(value)) inner.Write(Escape(value));
        else inner.Write(value);
    }

    public override void Write(string? value) => inner.Write(Inert(value));

    public override void WriteLine(string? value) => inner.WriteLine(Inert(value));

    public override Task WriteAsync(string? value) => inner.WriteAsync(Inert(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(Inert(value));

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    /// <summary>The text with every active character written as \uXXXX.</summary>
    public static string? Inert(string? text)
    {
        if (text is null || !text.Any(IsActive)) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text) builder.Append(IsActive(c) ? Escape(c) : c.ToString());
        return builder.ToString();
    }

    /// <summary>C0 and C1 controls (but line breaks and tabs), DEL, and the Unicode bidirectional controls.</summary>
    public static bool IsActive(char c) =>
        (c < ' ' && c is not ('\n' or '\r' or '\t')) || c is '\u007F' || c is >= '\u0080' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    private static string Escape(char c) => $"\\u{(int)c:x4}";
}
