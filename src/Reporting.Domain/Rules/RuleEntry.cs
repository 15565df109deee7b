using System.Globalization;

namespace Reporting.Domain.Rules;

/// <summary>How sure we are of a rule value (see the rules file's notes).</summary>
public enum RuleStatus
{
    Confirmed,
    Likely,
    Unverified,
}

/// <summary>One value of a parameter, in force from a date until the next entry.</summary>
public sealed record RuleEntry<T>(string Parameter, DateOnly EffectiveFrom, T? Value, RuleStatus Status, string Source)
{
    /// <summary>"fee.rates@2024-01-01": names the entry a number came from.</summary>
    public string Reference => Parameter + "@" + EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A parameter's values by effective date, oldest first.</summary>
public sealed class RuleParameter<T>
{
    public RuleParameter(string name, IReadOnlyList<RuleEntry<T>> entries)
    {
        Name = name;
        Entries = entries;
    }

    public string Name { get; }
    public IReadOnlyList<RuleEntry<T>> Entries { get; }

    /// <summary>The latest entry whose effective date is on or before <paramref name="date"/>.</summary>
    public RuleEntry<T> At(DateOnly date)
    {
        for (var i = Entries.Count - 1; i >= 0; i--)
        {
            if (Entries[i].EffectiveFrom <= date) return Entries[i];
        }

        throw new RulesException(string.Create(CultureInfo.InvariantCulture,
            $"Parameter '{Name}' has no value for {date:yyyy-MM-dd}; the rules start on {Entries[0].EffectiveFrom:yyyy-MM-dd}."));
    }
}

/// <summary>The rules file is malformed, gapped, or a period lies outside what it covers.</summary>
public sealed class RulesException(string message) : Exception(message);
