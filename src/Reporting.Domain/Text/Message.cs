namespace Reporting.Domain.Text;

/// <summary>
/// What a message says, without its words: the stable code (of an issue, violation or finding), the variant of
/// its wording when a code has several, and the named values. The catalogue words it in each language.
/// </summary>
public sealed class Message : IEquatable<Message>
{
    internal Message(string code, string? variant, IReadOnlyList<KeyValuePair<string, MessageValue>> arguments)
    {
        Code = code;
        Variant = variant;
        Arguments = arguments;
    }

    public string Code { get; }

    /// <summary>Null for the code's main wording.</summary>
    public string? Variant { get; }

    /// <summary>The named values, in the order the call site gave them.</summary>
    public IReadOnlyList<KeyValuePair<string, MessageValue>> Arguments { get; }

    public MessageValue? this[string name] => Arguments.FirstOrDefault(a => a.Key == name).Value;

    /// <summary>Rebuilds a stored message (no check against the declaration: stored data may be older than the code).</summary>
    public static Message Restore(string code, string? variant, IEnumerable<KeyValuePair<string, MessageValue>> arguments) =>
        new(code, variant, arguments.ToArray());

    public bool Equals(Message? other) =>
        other is not null && Code == other.Code && Variant == other.Variant &&
        Arguments.Count == other.Arguments.Count &&
        Arguments.Zip(other.Arguments).All(p => p.First.Key == p.Second.Key && p.First.Value.Equals(p.Second.Value));

    public override bool Equals(object? obj) => Equals(obj as Message);

    public override int GetHashCode() => HashCode.Combine(Code, Variant, Arguments.Count);

    /// <summary>For logs and debugging only: code, variant and values, never shown to people.</summary>
    public override string ToString() =>
        $"{Code}{(Variant is null ? "" : "/" + Variant)}({string.Join(", ", Arguments.Select(a => $"{a.Key}={a.Value.Invariant}"))})";
}
