using System.Collections.Frozen;
using System.Text;

namespace Reporting.Domain;

/// <summary>
/// The one mapping between an enum and its stable text code (storage, JSON, files): the member name in
/// kebab case ("OwnGeneration" is "own-generation", "II" is "ii"). Written once for every enum, so a code
/// is never spelled twice; tests pin each enum's codes, so renaming a member cannot change stored data unseen.
/// </summary>
public static class EnumCodes
{
    public static string Code<T>(this T value) where T : struct, Enum =>
        Map<T>.ToCode.TryGetValue(value, out var code) ? code : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a defined {typeof(T).Name}.");

    /// <summary>Exactly the code (ignoring letter case and surrounding spaces).</summary>
    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        return code is not null && Map<T>.FromCode.TryGetValue(code.Trim(), out value);
    }

    public static T Parse<T>(string? code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code ({string.Join(", ", Codes<T>())}).");

    public static IReadOnlyList<string> Codes<T>() where T : struct, Enum => Map<T>.Codes;

    /// <summary>"OwnGeneration" → "own-generation"; a run of capitals is one word ("II" → "ii").</summary>
    public static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1])) builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static class Map<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ToCode = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Kebab(v.ToString()));
        public static readonly FrozenDictionary<string, T> FromCode = ToCode.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
        public static readonly IReadOnlyList<string> Codes = Enum.GetValues<T>().Select(v => ToCode[v]).ToArray();
    }
}
