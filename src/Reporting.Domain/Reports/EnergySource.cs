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
}
