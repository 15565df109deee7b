namespace Reporting.Domain.Consolidation;

/// <summary>How one licence's line differs between two versions of a quarter's report.</summary>
public enum LicenceChangeKind
{
    /// <summary>In the later version only (a licence that reported, or a registry import that added it).</summary>
    Added,

    /// <summary>In the earlier version only.</summary>
    Removed,

    /// <summary>In both, with another fee, kWh or status.</summary>
    Changed,
}

/// <summary>One licence's fee, kWh and status before and after; the side where the licence is absent is null.</summary>
public sealed record LicenceChange(
    string Licence,
    string? Company,
    LicenceChangeKind Kind,
    decimal? FeeBefore,
    decimal? FeeAfter,
    decimal? KwhBefore,
    decimal? KwhAfter,
    LicenceQuarterStatus? StatusBefore,
    LicenceQuarterStatus? StatusAfter);

/// <summary>
/// What changed from one version of a quarter's report to the next: the totals (fee due, kWh, licences, violations,
/// warnings, missing and late reports, findings), whether the rules or the registry behind it changed, and every licence
/// whose fee, kWh or status differs (or that appears or disappears). Pure: from the two reports alone.
/// </summary>
public sealed record ReportChanges(
    FigureChange FeeKzt,
    FigureChange KwhTotal,
    FigureChange Licences,
    FigureChange Violations,
    FigureChange Warnings,
    FigureChange MissingReports,
    FigureChange LateReports,
    FigureChange Findings,
    bool RulesChanged,
    bool RegistryChanged,
    IReadOnlyList<LicenceChange> LicenceChanges)
{
    public static ReportChanges Between(QuarterlyReport earlier, QuarterlyReport later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.Quarter != later.Quarter)
            throw new ArgumentException($"Versions of one quarter compare; {earlier.Quarter} and {later.Quarter} are two.", nameof(later));

        var (before, after) = (earlier.Totals, later.Totals);
        return new ReportChanges(
            new FigureChange(after.FeeKzt, before.FeeKzt),
            new FigureChange(after.KwhTotal, before.KwhTotal),
            new FigureChange(after.Licences, before.Licences),
            new FigureChange(after.Violations, before.Violations),
            new FigureChange(after.Warnings, before.Warnings),
            new FigureChange(later.Missing.Count, earlier.Missing.Count),
            new FigureChange(after.LateReports, before.LateReports),
            new FigureChange(after.Findings, before.Findings),
            !earlier.RuleVersions.SequenceEqual(later.RuleVersions, StringComparer.Ordinal),
            !string.Equals(earlier.RegistryVersion, later.RegistryVersion, StringComparison.Ordinal),
            LicencesBetween(earlier.Summary, later.Summary));
    }

    /// <summary>True when nothing a reader sees in the totals or the licences' lines changed.</summary>
    public bool NoFigureChanged =>
        LicenceChanges.Count == 0 && new[] { FeeKzt, KwhTotal, Licences, Violations, Warnings, MissingReports, LateReports, Findings }.All(c => c.Absolute == 0);

    /// <summary>Licences matched case-insensitively (as the registry does), in licence order.</summary>
    private static LicenceChange[] LicencesBetween(IReadOnlyList<SummaryRow> earlier, IReadOnlyList<SummaryRow> later)
    {
        var before = earlier.ToDictionary(r => r.Licence.ToUpperInvariant(), StringComparer.Ordinal);
        var after = later.ToDictionary(r => r.Licence.ToUpperInvariant(), StringComparer.Ordinal);
        var changes = new List<LicenceChange>();
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (old, now) = (before.GetValueOrDefault(key), after.GetValueOrDefault(key));
            var kind = (old, now) switch
            {
                (null, _) => LicenceChangeKind.Added,
                (_, null) => LicenceChangeKind.Removed,
                _ when old.FeeKzt != now.FeeKzt || old.KwhTotal != now.KwhTotal || old.Status != now.Status => LicenceChangeKind.Changed,
                _ => (LicenceChangeKind?)null,
            };
            if (kind is null) continue;
            var shown = now ?? old!;
            changes.Add(new LicenceChange(shown.Licence, shown.Company, kind.Value, old?.FeeKzt, now?.FeeKzt, old?.KwhTotal, now?.KwhTotal, old?.Status, now?.Status));
        }

        return [.. changes];
    }
}
