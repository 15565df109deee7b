using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
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

    /// <summary>
    /// The errors of a 2024-2025 quarter with consumption reports only (Golden/README.md): per month, grid kWh above
    /// its quota, or grid kWh with no quota; and per report, a month the licence is not active in.
    /// </summary>
    public static int ConsumptionOnlyErrors(Licence licence, IReadOnlyList<ConsumptionReport> reports, IEnumerable<GridQuota> quotas)
    {
        var quotaOf = quotas.Where(q => q.Licence == licence.Number).GroupBy(q => q.Month).ToDictionary(g => g.Key, g => g.Sum(q => q.Kwh));
        var quotaErrors = reports.GroupBy(r => r.Period).Count(month =>
        {
            var grid = month.SelectMany(r => r.Rows).Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh);
            return grid > 0 && (!quotaOf.TryGetValue(month.Key, out var quota) || grid > quota);
        });
        return quotaErrors + reports.Count(r => !ActiveIn(licence, r.Period));
    }

    private static bool ActiveIn(Licence licence, Month month)
    {
        var (first, last) = (new DateOnly(month.Year, month.Number, 1), new DateOnly(month.Year, month.Number, DateTime.DaysInMonth(month.Year, month.Number)));
        var inTerm = licence.ValidFrom <= last && licence.ValidTo >= first;
        return inTerm && (licence.Status == LicenceStatus.Active || licence.StatusSince > first);
    }
}
