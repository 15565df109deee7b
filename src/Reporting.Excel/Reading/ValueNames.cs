using System.Collections.Frozen;
using Reporting.Domain;
using Reporting.Domain.Text;

namespace Reporting.Excel.Reading;

/// <summary>
/// The values of an enum as people write them in a cell: its code ("own-generation"), its name in each language
/// from the catalogue («собственная генерация», «меншікті генерация»), and other usual spellings; compared as
/// headers are (case, spaces, "_" and "-" ignored).
/// </summary>
public sealed class ValueNames<T> where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;

    public ValueNames(IReadOnlyDictionary<T, string[]>? aliases = null)
    {
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var value in Enum.GetValues<T>())
        {
            var names = new List<string> { value.Code() };
            names.AddRange(Languages.All.Select(language => MessageCatalog.Default.In(language)[Terms.Of(value)]));
            if (aliases is not null && aliases.TryGetValue(value, out var more)) names.AddRange(more);
            foreach (var name in names) byName.TryAdd(Key(name), value);
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool TryParse(string? text, out T value) => _byName.TryGetValue(Key(text), out value);

    /// <summary>The names a reader of <paramref name="language"/> is offered (the template's dropdown, messages).</summary>
    public static IReadOnlyList<string> Names(Language language) =>
        Enum.GetValues<T>().Select(v => MessageCatalog.Default.In(language)[Terms.Of(v)]).ToArray();

    private static string Key(string? text) => HeaderName.Normalize(text?.Replace('_', ' ').Replace('-', ' '));
}
