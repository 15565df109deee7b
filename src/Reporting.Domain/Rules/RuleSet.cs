using System.Reflection;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Rules;

/// <summary>
/// Every number the law gives, as data versioned by effective date (the rules file), typed and checked
/// when loaded. <see cref="Version"/> identifies the file's content and is recorded on every result.
/// </summary>
public sealed class RuleSet
{
    public const string DefaultResourceName = "Reporting.Domain.Rules.kz-digital-mining.rules.json";

    internal RuleSet(string version, string origin, DateOnly coverageFrom, string title)
    {
        Version = version;
        Origin = origin;
        CoverageFrom = coverageFrom;
        Title = title;
    }

    /// <summary>"rules-" and the first 12 hex digits of the SHA-256 of the file (line endings normalised).</summary>
    public string Version { get; }

    /// <summary>Where the rules came from (a path, or the shipped default).</summary>
    public string Origin { get; }

    public DateOnly CoverageFrom { get; }
    public string Title { get; }

    public required RuleParameter<IReadOnlyDictionary<EnergySource, SourceRate>> FeeRates { get; init; }
    public required RuleParameter<IReadOnlyList<PriceBand>> FeePriceBands { get; init; }
    public required RuleParameter<decimal?> FeeRateMax { get; init; }
    public required RuleParameter<decimal?> FeeRateUnmetered { get; init; }
    public required RuleParameter<string> FeeMultipleGrounds { get; init; }
    public required RuleParameter<IReadOnlyList<EnergySource>> FeeAveragePriceSources { get; init; }
    public required RuleParameter<RoundingRule> FeeRounding { get; init; }
    public required RuleParameter<DueDateRule> FeeDeclarationDue { get; init; }
    public required RuleParameter<DueDateRule> FeePaymentDue { get; init; }
    public required RuleParameter<bool> QuotaApplies { get; init; }
    public required RuleParameter<IReadOnlyList<EnergySource>> QuotaCountedSources { get; init; }
    public required RuleParameter<decimal?> SaleShareMin { get; init; }
    public required RuleParameter<decimal?> PlausibilityMaxLoadFactor { get; init; }
    public required RuleParameter<decimal?> MciKzt { get; init; }
    public required RuleParameter<IReadOnlyDictionary<string, decimal>> UnderstatementFineShare { get; init; }

    /// <summary>Every parameter, for what applies to all of them.</summary>
    public IReadOnlyList<IRuleParameter> Parameters =>
    [
        FeeRates, FeePriceBands, FeeRateMax, FeeRateUnmetered, FeeMultipleGrounds, FeeAveragePriceSources, FeeRounding, FeeDeclarationDue, FeePaymentDue,
        QuotaApplies, QuotaCountedSources, SaleShareMin, PlausibilityMaxLoadFactor, MciKzt, UnderstatementFineShare,
    ];

    /// <summary>
    /// The rule entries in force during a quarter (at its start, or from a later month of it) that are not confirmed
    /// (likely or unverified): every result of the quarter is flagged with them, so a reader knows which figures rest on them.
    /// </summary>
    public IReadOnlyList<RuleNote> NotConfirmedIn(Periods.Quarter quarter) =>
        quarter.Months.SelectMany(m => Parameters.Select(p => p.NotConfirmedAt(m.Start))).OfType<RuleNote>()
            .DistinctBy(n => n.Reference).OrderBy(n => n.Reference, StringComparer.Ordinal).ToArray();

    private static readonly Lazy<RuleSet> DefaultRules = new(() =>
    {
        using var stream = typeof(RuleSet).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The default rules resource {DefaultResourceName} is missing from {typeof(RuleSet).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return RuleSetLoader.Parse(reader.ReadToEnd(), "shipped default (kz-digital-mining.rules.json)");
    });

    /// <summary>The rules shipped with the library.</summary>
    public static RuleSet Default => DefaultRules.Value;

    /// <summary>The text of the shipped rules file, to copy and edit.</summary>
    public static string DefaultText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
