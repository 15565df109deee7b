namespace Reporting.Domain.Reports;

/// <summary>Where a miner's electricity came from; the fee rate and the quota depend on it.</summary>
public enum EnergySource
{
    /// <summary>Bought from the unified power system through the market operator's centralised trading; the quota applies.</summary>
    Grid,

    /// <summary>Imported electricity.</summary>
    Import,

    /// <summary>From renewable sources.</summary>
    Renewable,

    /// <summary>The miner's own non-renewable plant connected to the unified power system.</summary>
    OwnGeneration,

    /// <summary>The miner's own plant not connected to the unified power system.</summary>
    OffGrid,
}

public static class EnergySources
{
    public static IReadOnlyList<EnergySource> All { get; } = Enum.GetValues<EnergySource>();

    /// <summary>The codes miners write in the Source column and the rules file uses (EnumCodes: "own-generation").</summary>
    public static IReadOnlyList<string> Codes { get; } = EnumCodes.Codes<EnergySource>();

    /// <summary>
    /// Accepts the code in any letter case, with spaces or underscores instead of the hyphen
    /// ("Own generation", "OFF_GRID"), as people type it.
    /// </summary>
    public static bool TryParse(string? text, out EnergySource source)
    {
        source = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Fast path for the codes as the template's dropdown writes them (every row of a typical file).
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(text, Codes[i], StringComparison.OrdinalIgnoreCase))
            {
                source = All[i];
                return true;
            }
        }

        var normalized = string.Join('-', text.Trim().ToLowerInvariant()
            .Split([' ', '_', '-', '\u00a0'], StringSplitOptions.RemoveEmptyEntries));
        switch (normalized)
        {
            case "grid": source = EnergySource.Grid; return true;
            case "import": source = EnergySource.Import; return true;
            case "renewable": source = EnergySource.Renewable; return true;
            case "own-generation": source = EnergySource.OwnGeneration; return true;
            case "off-grid" or "offgrid": source = EnergySource.OffGrid; return true;
            default: return false;
        }
    }
}
