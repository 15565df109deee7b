namespace Reporting.Domain.Text;

/// <summary>
/// One wording of a catalogue entry and the values it names. Call sites pass exactly these values; a call
/// that gives another set is a bug and throws, so every test that reaches the call site checks it.
/// </summary>
public abstract class Wording(string key, string? variant, IReadOnlyList<string> parameters)
{
    /// <summary>The catalogue key: an issue, violation or finding code, or a text key.</summary>
    public string Key { get; } = key;

    /// <summary>The variant's name; null for a code's main wording and for texts.</summary>
    public string? VariantName { get; } = variant;

    public IReadOnlyList<string> Parameters { get; } = parameters;

    protected Message Create(IReadOnlyList<(string Name, MessageValue Value)> arguments)
    {
        var given = arguments.Select(a => a.Name).ToArray();
        if (given.Length != Parameters.Count || !given.ToHashSet(StringComparer.Ordinal).SetEquals(Parameters))
        {
            throw new ArgumentException(
                $"'{this}' takes the values [{string.Join(", ", Parameters)}], but the call gave [{string.Join(", ", given)}].",
                nameof(arguments));
        }

        return new Message(Key, VariantName, arguments.Select(a => KeyValuePair.Create(a.Name, a.Value)).ToArray());
    }

    public override string ToString() => VariantName is null ? Key : $"{Key}/{VariantName}";
}

/// <summary>
/// A stable code of an issue, violation or finding, with the values its main wording names. The catalogue
/// gives it a title, a description (what it means and how to fix it) and a message template in each language.
/// Codes are never renamed or reused: miners' systems and the committee's tools match on them.
/// </summary>
public sealed class MessageCode : Wording
{
    private readonly Dictionary<string, MessageVariant> _variants = new(StringComparer.Ordinal);

    public MessageCode(string code, params string[] parameters)
        : base(code, null, parameters)
    {
    }

    public string Code => Key;

    public IReadOnlyCollection<MessageVariant> Variants => _variants.Values;

    /// <summary>Another wording of the same code (e.g. a number cell that holds a date rather than text).</summary>
    public MessageVariant Variant(string name, params string[] parameters)
    {
        var variant = new MessageVariant(this, name, parameters);
        _variants.Add(name, variant);
        return variant;
    }

    public Message With(params (string Name, MessageValue Value)[] arguments) => Create(arguments);

    public static implicit operator string(MessageCode code) => code.Code;

    public override string ToString() => Code;
}

/// <summary>A named alternative wording of a <see cref="MessageCode"/>, with its own values.</summary>
public sealed class MessageVariant : Wording
{
    internal MessageVariant(MessageCode code, string name, IReadOnlyList<string> parameters)
        : base(code.Code, name, parameters)
    {
        Owner = code;
    }

    public MessageCode Owner { get; }

    public Message With(params (string Name, MessageValue Value)[] arguments) => Create(arguments);
}

/// <summary>
/// A piece of interface text (a label, a header, a sentence of a page or of the command line), with the
/// values its template names. Keys are dotted ("field.consumption.kwh").
/// </summary>
public sealed class TextKey : Wording
{
    public TextKey(string key, params string[] parameters)
        : base(key, null, parameters)
    {
    }

    public Message With(params (string Name, MessageValue Value)[] arguments) => Create(arguments);

    public override string ToString() => Key;
}
