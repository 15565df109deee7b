using System.Text;

namespace Reporting.Domain.Text;

/// <summary>
/// A message template of the catalogue: text with named placeholders, <c>{field}</c>, and a plural choice for
/// counts, <c>{count, plural, one {# ошибка} few {# ошибки} many {# ошибок} other {# ошибки}}</c> (ICU MessageFormat's
/// plural syntax; <c>#</c> is the number; an exact branch such as <c>=0 {…}</c> wins over the categories). <c>{{</c> and <c>}}</c> are literal braces. Written here because no
/// MessageFormat library is served on our feed (ICU4N is an alpha); this subset is all the catalogue uses.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<Part> _parts;

    private Template(string source, IReadOnlyList<Part> parts)
    {
        Source = source;
        _parts = parts;
    }

    public string Source { get; }

    /// <summary>Every placeholder name the template uses, in plural branches too.</summary>
    public IReadOnlySet<string> Placeholders
    {
        get
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            Collect(_parts, names);
            return names;
        }
    }

    public static Template Parse(string source)
    {
        var position = 0;
        var parts = ParseParts(source, ref position, insidePlural: false);
        if (position != source.Length) throw new FormatException($"Unbalanced '}}' at {position} in template: {source}");
        return new Template(source, parts);
    }

    public string Render(Func<string, MessageValue?> values, Func<MessageValue, string> format, Language language)
    {
        var builder = new StringBuilder(Source.Length + 32);
        Render(_parts, builder, values, format, language, pluralNumber: null);
        return builder.ToString();
    }

    private abstract record Part;

    private sealed record Literal(string Text) : Part;

    private sealed record Placeholder(string Name) : Part;

    private sealed record NumberSign : Part;

    private sealed record Plural(string Name, IReadOnlyDictionary<string, IReadOnlyList<Part>> Branches) : Part;

    private static void Render(IReadOnlyList<Part> parts, StringBuilder builder, Func<string, MessageValue?> values, Func<MessageValue, string> format,
        Language language, string? pluralNumber)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Literal literal:
                    builder.Append(literal.Text);
                    break;
                case NumberSign:
                    builder.Append(pluralNumber ?? "#");
                    break;
                case Placeholder placeholder:
                    var value = values(placeholder.Name) ?? throw new KeyNotFoundException($"The message has no value '{placeholder.Name}'.");
                    builder.Append(format(value));
                    break;
                case Plural plural:
                    var count = values(plural.Name) ?? throw new KeyNotFoundException($"The message has no value '{plural.Name}'.");
                    // An exact value ("=0") before the language's category, as ICU MessageFormat does.
                    var number = count.AsDecimal();
                    var branch = plural.Branches.GetValueOrDefault("=" + number.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        ?? plural.Branches.GetValueOrDefault(PluralRules.Category(language, number)) ?? plural.Branches["other"];
                    Render(branch, builder, values, format, language, format(count));
                    break;
            }
        }
    }

    private static void Collect(IReadOnlyList<Part> parts, HashSet<string> names)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case Placeholder p:
                    names.Add(p.Name);
                    break;
                case Plural p:
                    names.Add(p.Name);
                    foreach (var branch in p.Branches.Values) Collect(branch, names);
                    break;
            }
        }
    }

    private static List<Part> ParseParts(string s, ref int i, bool insidePlural)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '{' && i + 1 < s.Length && s[i + 1] == '{')
            {
                text.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < s.Length && s[i + 1] == '}' && !insidePlural)
            {
                text.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                break; // the end of a plural branch (or an error the caller reports)
            }
            else if (c == '#' && insidePlural)
            {
                Flush();
                parts.Add(new NumberSign());
                i++;
            }
            else if (c == '{')
            {
                Flush();
                parts.Add(ParsePlaceholder(s, ref i));
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        Flush();
        return parts;

        void Flush()
        {
            if (text.Length == 0) return;
            parts.Add(new Literal(text.ToString()));
            text.Clear();
        }
    }

    private static Part ParsePlaceholder(string s, ref int i)
    {
        var close = s.IndexOfAny(['}', ','], i + 1);
        if (close < 0) throw new FormatException($"Unclosed '{{' at {i} in template: {s}");
        var name = s[(i + 1)..close].Trim();
        if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            throw new FormatException($"Invalid placeholder name '{name}' in template: {s}");
        if (s[close] == '}')
        {
            i = close + 1;
            return new Placeholder(name);
        }

        // {name, plural, category {...} ...}
        i = close + 1;
        var keywordEnd = s.IndexOf(',', i);
        if (keywordEnd < 0 || s[i..keywordEnd].Trim() != "plural") throw new FormatException($"Only 'plural' choices are supported, in template: {s}");
        i = keywordEnd + 1;
        var branches = new Dictionary<string, IReadOnlyList<Part>>(StringComparer.Ordinal);
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) throw new FormatException($"Unclosed plural in template: {s}");
            if (s[i] == '}')
            {
                i++;
                break;
            }

            var open = s.IndexOf('{', i);
            if (open < 0) throw new FormatException($"A plural category without its text, in template: {s}");
            var category = s[i..open].Trim();
            i = open + 1;
            branches[category] = ParseParts(s, ref i, insidePlural: true);
            if (i >= s.Length || s[i] != '}') throw new FormatException($"Unclosed plural branch '{category}' in template: {s}");
            i++;
        }

        if (!branches.ContainsKey("other")) throw new FormatException($"A plural needs an 'other' branch, in template: {s}");
        return new Plural(name, branches);
    }
}
