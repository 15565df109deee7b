using System.Globalization;
using Reporting.Domain.Periods;

namespace Reporting.Domain.Text;

/// <summary>How a value in a message is shown: each kind has its own number of decimals, grouping and date form per language.</summary>
public enum ValueKind
{
    /// <summary>Text as it came (a file's value, a name): shown as is.</summary>
    Text,

    /// <summary>A catalogue text key ("field.consumption.kwh"): shown in the reader's language.</summary>
    Term,

    Integer,

    /// <summary>A plain number: grouped, up to 8 decimals.</summary>
    Number,

    /// <summary>Kilowatt-hours: grouped, up to 3 decimals.</summary>
    Kwh,

    /// <summary>Tenge: grouped, exactly 2 decimals.</summary>
    Money,

    /// <summary>Units of a digital asset: up to 8 decimals.</summary>
    Quantity,

    /// <summary>A share (0.8): shown as a percentage with up to 2 decimals.</summary>
    Share,

    Date,

    /// <summary>An instant, shown in Kazakhstan time.</summary>
    Instant,

    Month,
    Quarter,

    /// <summary>Several values, shown separated by commas.</summary>
    List,

    /// <summary>A whole message worded inside another (a fee line's ground).</summary>
    Nested,
}

/// <summary>
/// A value a message names, kept language-free (its invariant text and its kind) so a stored message can be
/// worded later in any language.
/// </summary>
public sealed record MessageValue(ValueKind Kind, string Invariant, IReadOnlyList<MessageValue>? Items = null)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static MessageValue Text(string? text) => new(ValueKind.Text, text ?? "");
    public static MessageValue Term(string key) => new(ValueKind.Term, key);
    public static MessageValue Term(TextKey key) => new(ValueKind.Term, key.Key);
    public static MessageValue Integer(long value) => new(ValueKind.Integer, value.ToString(C));
    public static MessageValue Number(decimal value) => new(ValueKind.Number, value.ToString(C));
    public static MessageValue Kwh(decimal value) => new(ValueKind.Kwh, value.ToString(C));
    public static MessageValue Money(decimal value) => new(ValueKind.Money, value.ToString(C));
    public static MessageValue Quantity(decimal value) => new(ValueKind.Quantity, value.ToString(C));
    public static MessageValue Share(decimal value) => new(ValueKind.Share, value.ToString(C));
    public static MessageValue Date(DateOnly value) => new(ValueKind.Date, value.ToString("yyyy-MM-dd", C));
    public static MessageValue Instant(DateTimeOffset value) => new(ValueKind.Instant, value.ToUniversalTime().ToString("O", C));
    public static MessageValue Month(Month value) => new(ValueKind.Month, value.ToString());
    public static MessageValue Quarter(Quarter value) => new(ValueKind.Quarter, value.ToString());
    public static MessageValue List(IEnumerable<MessageValue> items)
    {
        var list = items.ToArray();
        return new(ValueKind.List, string.Join(", ", list.Select(i => i.Invariant)), list);
    }

    public static MessageValue Texts(IEnumerable<string> items) => List(items.Select(Text));

    public static MessageValue Nested(Message message) => new(ValueKind.Nested, MessageJson.Serialize(message));

    public static implicit operator MessageValue(string? text) => Text(text);
    public static implicit operator MessageValue(int value) => Integer(value);
    public static implicit operator MessageValue(long value) => Integer(value);
    public static implicit operator MessageValue(TextKey key) => Term(key);

    public decimal AsDecimal() => decimal.Parse(Invariant, NumberStyles.Number, C);

    public bool Equals(MessageValue? other) =>
        other is not null && Kind == other.Kind && Invariant == other.Invariant &&
        (Items ?? []).SequenceEqual(other.Items ?? []);

    public override int GetHashCode() => HashCode.Combine(Kind, Invariant);
}
