using Reporting.Domain.Registry;

namespace Reporting.Samples;

/// <summary>
/// How a generated miner behaves: its licence, sites, energy mix and habits. Behaviour flags drive
/// the realistic share of problems the demo shows (over-quota months, low sales, late reports...).
/// </summary>
public sealed record MinerProfile(
    Licence Licence,
    IReadOnlyList<string> Sites,
    IReadOnlyList<Equipment> Equipment,
    decimal GridShare,
    decimal ImportShare,
    decimal RenewableShare,
    decimal OwnGenerationShare,
    decimal OffGridShare,
    decimal GridPriceKzt,
    decimal ImportPriceKzt,
    decimal Utilisation,
    decimal SaleShare,
    bool SellsOffshore,
    bool ExceedsQuotaSometimes,
    bool HasUnmeteredSite)
{
    public decimal CapacityKw => Equipment.Sum(e => e.RatedPowerW * e.Units) / 1000m;
}
