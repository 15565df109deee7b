using Reporting.Domain.Periods;

namespace Reporting.Domain.Registry;

/// <summary>Licence subtype (Law on digital assets, art. 9).</summary>
public enum LicenceSubtype
{
    /// <summary>Miner with its own data processing centre.</summary>
    I,

    /// <summary>Miner placing its equipment in someone else's data processing centre.</summary>
    II,
}

/// <summary>Grid trading zone: North and South trade jointly, West separately.</summary>
public enum Zone
{
    North,
    South,
    West,
}

public enum LicenceStatus
{
    Active,
    Suspended,
    Revoked,
}

/// <summary>
/// A mining licence from the registry. <c>StatusSince</c> is when a suspension or revocation took
/// effect; null means for the whole term.
/// </summary>
public sealed record Licence(
    string Number,
    string Bin,
    string Company,
    LicenceSubtype Subtype,
    Zone Zone,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    LicenceStatus Status,
    DateOnly? StatusSince = null)
{
    /// <summary>The language the licence holder reads its feedback in (the registry's Language column); null for the default.</summary>
    public Text.Language? Language { get; init; }

    /// <summary>True when the licence allowed mining for at least part of the month.</summary>
    public bool IsActiveIn(Month month)
    {
        if (ValidFrom > month.End || ValidTo < month.Start) return false;
        if (Status == LicenceStatus.Active) return true;
        return StatusSince is { } since && since > month.Start;
    }

    public bool IsActiveIn(Quarter quarter) => quarter.Months.Any(IsActiveIn);
}
