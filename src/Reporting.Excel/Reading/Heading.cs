using System.Collections.Frozen;
using Reporting.Domain.Text;

namespace Reporting.Excel.Reading;

/// <summary>
/// A name people see in a workbook (a sheet's tab, a label of the Report sheet, a column header): worded in
/// each language by the catalogue, and recognised in any of them and in the other usual spellings given here
/// ("Лицензия №", "БСН"), so a file in Kazakh, Russian, English or a mix of them reads the same.
/// </summary>
public sealed class Heading
{
    private readonly Lazy<FrozenSet<string>> _spellings;

    public Heading(string key, params string[] aliases)
    {
        Key = new TextKey(key);
        Aliases = aliases;
        _spellings = new(() => Languages.All.Select(In).Concat(Aliases).Select(HeaderName.Normalize).Where(s => s.Length > 0).ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The catalogue key of the name ("column.consumption.kwh").</summary>
    public TextKey Key { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Longest text a cell of this column or label may hold (longer is a constraint error; Excel's own limit is separate).</summary>
    public int MaxLength { get; init; } = 256;

    /// <summary>Every accepted spelling, normalised (see <see cref="HeaderName"/>).</summary>
    public IReadOnlySet<string> Spellings => _spellings.Value;

    public string In(Language language) => MessageCatalog.Default.In(language)[Key];

    /// <summary>The English name (what generated English files and tests use).</summary>
    public string En => In(Language.En);

    public bool Matches(string? text) => Spellings.Contains(HeaderName.Normalize(text));

    /// <summary>The name as a message value: each reader sees it in their own language.</summary>
    public MessageValue Term => MessageValue.Term(Key);

    public override string ToString() => Key.Key;
}
