using System.Collections.Frozen;
using System.Text.Json;

namespace Reporting.Domain.Text;

/// <summary>The catalogue's entry for a code in one language.</summary>
public sealed record CodeText(string Title, string Description, Template Message, IReadOnlyDictionary<string, Template> Variants);

/// <summary>
/// The one catalogue that words every issue, violation and finding code and every piece of interface text, in
/// Kazakh, Russian and English: one JSON file per language and part (Text/catalog.{kk,ru,en}.json for the codes and
/// core texts, Text/portal.{kk,ru,en}.json and the like for a front end's texts; embedded). Chosen over
/// .resx because each code carries a title, a description and templates (a structure .resx flattens into keys),
/// and because a reviewer (a native speaker) edits one readable file per language; tests check that every
/// language has every entry with the same placeholders as the code declares.
/// </summary>
public sealed class MessageCatalog
{
    private const string ResourcePrefix = "Reporting.Domain.Text.";

    private static readonly Lazy<MessageCatalog> Shipped = new(() =>
    {
        var assembly = typeof(MessageCatalog).Assembly;
        // Every embedded Text/{part}.{language}.json: the codes and core texts (catalog), and one part per front end
        // (portal, ...), so that each part can be edited and reviewed on its own; a key may appear in one part only.
        var parts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".en.json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".en.json".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
        return Load(parts, (part, language) => assembly.GetManifestResourceStream($"{ResourcePrefix}{part}.{language}.json")
            ?? throw new InvalidOperationException($"The catalogue part '{part}' has no '{language}' file embedded."));
    });

    private readonly FrozenDictionary<Language, FrozenDictionary<string, CodeText>> _codes;
    private readonly FrozenDictionary<Language, FrozenDictionary<string, Template>> _texts;

    private MessageCatalog(Dictionary<Language, FrozenDictionary<string, CodeText>> codes, Dictionary<Language, FrozenDictionary<string, Template>> texts)
    {
        _codes = codes.ToFrozenDictionary();
        _texts = texts.ToFrozenDictionary();
    }

    public static MessageCatalog Default => Shipped.Value;

    public IReadOnlyCollection<string> Codes(Language language) => _codes[language].Keys;

    public IReadOnlyCollection<string> TextKeys(Language language) => _texts[language].Keys;

    public CodeText? Code(Language language, string code) => _codes[language].GetValueOrDefault(code);

    public Template? TextTemplate(Language language, string key) => _texts[language].GetValueOrDefault(key);

    /// <summary>The catalogue's words in one language.</summary>
    public Words In(Language language) => new(this, language);

    /// <summary>
    /// The template of a message in a language. A code or key the language lacks falls back to English, then to the
    /// code itself, so a gap never hides the rest of a report (the catalogue tests keep the languages complete).
    /// </summary>
    public Template TemplateOf(Language language, string key, string? variant)
    {
        foreach (var lang in language == Language.En ? [Language.En] : new[] { language, Language.En })
        {
            if (_codes[lang].TryGetValue(key, out var code))
            {
                if (variant is null) return code.Message;
                if (code.Variants.TryGetValue(variant, out var wording)) return wording;
            }
            else if (variant is null && _texts[lang].TryGetValue(key, out var text))
            {
                return text;
            }
        }

        return Template.Parse(variant is null ? key : $"{key}/{variant}");
    }

    /// <summary>The catalogue of one file per language (tests load edited copies).</summary>
    public static MessageCatalog Load(Func<string, Stream> open) => Load(["catalog"], (_, language) => open(language));

    /// <summary>The catalogue from several parts, each one file per language; a key defined by two parts is an error.</summary>
    public static MessageCatalog Load(IReadOnlyList<string> parts, Func<string, string, Stream> open)
    {
        var codes = new Dictionary<Language, FrozenDictionary<string, CodeText>>();
        var texts = new Dictionary<Language, FrozenDictionary<string, Template>>();
        foreach (var language in Languages.All)
        {
            var codeEntries = new Dictionary<string, CodeText>(StringComparer.Ordinal);
            var textEntries = new Dictionary<string, Template>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                using var stream = open(part, language.Code());
                using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
                var root = document.RootElement;
                if (root.TryGetProperty("codes", out var codesElement))
                {
                    foreach (var entry in codesElement.EnumerateObject())
                    {
                        var variants = new Dictionary<string, Template>(StringComparer.Ordinal);
                        if (entry.Value.TryGetProperty("variants", out var variantElement))
                        {
                            foreach (var variant in variantElement.EnumerateObject()) variants[variant.Name] = Parse(language, entry.Name, variant.Value.GetString());
                        }

                        var text = new CodeText(
                            entry.Value.GetProperty("title").GetString() ?? "",
                            entry.Value.GetProperty("description").GetString() ?? "",
                            Parse(language, entry.Name, entry.Value.GetProperty("message").GetString()),
                            variants.ToFrozenDictionary(StringComparer.Ordinal));
                        if (!codeEntries.TryAdd(entry.Name, text)) throw Duplicate(language, part, entry.Name);
                    }
                }

                if (root.TryGetProperty("texts", out var textsElement))
                {
                    foreach (var entry in textsElement.EnumerateObject())
                    {
                        if (!textEntries.TryAdd(entry.Name, Parse(language, entry.Name, entry.Value.GetString()))) throw Duplicate(language, part, entry.Name);
                    }
                }
            }

            codes[language] = codeEntries.ToFrozenDictionary(StringComparer.Ordinal);
            texts[language] = textEntries.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return new MessageCatalog(codes, texts);
    }

    private static InvalidOperationException Duplicate(Language language, string part, string key) =>
        new($"Catalogue {language.Code()}, part '{part}': '{key}' is defined twice (each key belongs to one part).");

    private static Template Parse(Language language, string key, string? text)
    {
        try
        {
            return Template.Parse(text ?? throw new FormatException("the template is missing"));
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Catalogue {language.Code()}, '{key}': {e.Message}", e);
        }
    }
}

/// <summary>The catalogue in one language, with that language's number and date forms.</summary>
public sealed class Words(MessageCatalog catalog, Language language)
{
    public Language Language { get; } = language;

    public TextFormat Format { get; } = TextFormat.For(language);

    public MessageCatalog Catalog { get; } = catalog;

    /// <summary>A text without values.</summary>
    public string this[TextKey key] => Render(key.With());

    public string Render(Message message) =>
        Catalog.TemplateOf(Language, message.Code, message.Variant).Render(message.Arguments.ToDictionary(a => a.Key, a => a.Value).GetValueOrDefault, Value, Language);

    public string Title(string code) => Catalog.Code(Language, code)?.Title ?? Catalog.Code(Language.En, code)?.Title ?? code;

    public string Description(string code) => Catalog.Code(Language, code)?.Description ?? Catalog.Code(Language.En, code)?.Description ?? "";

    /// <summary>A value as this language writes it.</summary>
    public string Value(MessageValue value)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        return value.Kind switch
        {
            ValueKind.Text => value.Invariant,
            ValueKind.Term => Catalog.TemplateOf(Language, value.Invariant, null).Source,
            ValueKind.Integer => Format.Integer(long.Parse(value.Invariant, c)),
            ValueKind.Number => Format.Number(value.AsDecimal()),
            ValueKind.Kwh => Format.Kwh(value.AsDecimal()),
            ValueKind.Money => Format.Money(value.AsDecimal()),
            ValueKind.Quantity => Format.Quantity(value.AsDecimal()),
            ValueKind.Share => Format.Share(value.AsDecimal()),
            ValueKind.Date => Format.Date(DateOnly.ParseExact(value.Invariant, "yyyy-MM-dd", c)),
            ValueKind.Instant => Format.Instant(DateTimeOffset.Parse(value.Invariant, c, System.Globalization.DateTimeStyles.RoundtripKind)),
            ValueKind.Month => Format.Month(Periods.Month.Parse(value.Invariant)),
            ValueKind.Quarter => Format.Quarter(Periods.Quarter.Parse(value.Invariant)),
            ValueKind.List => value.Items is { Count: > 0 } items ? string.Join(", ", items.Select(Value)) : "—",
            ValueKind.Nested => Render(MessageJson.Deserialize(value.Invariant)),
            _ => value.Invariant,
        };
    }
}
