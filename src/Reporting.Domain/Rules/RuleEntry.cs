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

/// <summary>A rule entry in force that is not confirmed: results that depend on it are flagged with it.</summary>
public sealed record RuleNote(string Reference, RuleStatus Status, string Source)
{
    public string StatusCode => Status.Code();
}

/// <summary>What every parameter can tell whatever its value type.</summary>
public interface IRuleParameter
{
    string Name { get; }

    /// <summary>The entry in force at <paramref name="date"/> when it is not confirmed; null when it is, or when the rules do not cover the date.</summary>
    RuleNote? NotConfirmedAt(DateOnly date);
}

/// <summary>A parameter's values by effective date, oldest first.</summary>
public sealed class RuleParameter<T> : IRuleParameter
{
    public RuleParameter(string name, IReadOnlyList<RuleEntry<T>> entries)
    {
        Name = name;
        Entries = entries;
    }

    public string Name { get; }
    public IReadOnlyList<RuleEntry<T>> Entries { get; }

    public RuleNote? NotConfirmedAt(DateOnly date)
    {
        if (Entries.Count == 0 || Entries[0].EffectiveFrom > date) return null;
        var entry = At(date);
        return entry.Status == RuleStatus.Confirmed ? null : new RuleNote(entry.Reference, entry.Status, entry.Source);
    }

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
