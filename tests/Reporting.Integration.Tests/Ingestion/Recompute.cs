using Reporting.Domain.Reports;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// Independent arithmetic for the expected results of 2024-2025 quarters, written from the law's flat
/// rates (2 KZT/kWh; 1 for renewable and off-grid), not from the engine.
/// </summary>
internal static class Recompute
{
    public static decimal FlatFee2024(IEnumerable<ConsumptionReport> reports) =>
        Math.Round(reports.SelectMany(r => r.Rows).Sum(r => r.Kwh * (r.Source is EnergySource.Renewable or EnergySource.OffGrid ? 1m : 2m)), 2, MidpointRounding.AwayFromZero);

    public static decimal Kwh(IEnumerable<ConsumptionReport> reports) => reports.SelectMany(r => r.Rows).Sum(r => r.Kwh);
}
