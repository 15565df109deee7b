using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Assessment;

/// <summary>
/// The digital mining fee of one licence for one quarter: Σ kWh × rate, each row at the highest rate
/// of its grounds (its source, the price band, no metering), rounded once per licence per quarter.
/// </summary>
public static class FeeCalculator
{
    private sealed record Ground(string Name, decimal? Rate);

    public static FeeAssessment Calculate(Quarter quarter, IReadOnlyList<ConsumptionRow> rows, RuleSet rules)
    {
        var at = quarter.Start;
        var rates = rules.FeeRates.At(at);
        var bands = rules.FeePriceBands.At(at);
        var rateMax = rules.FeeRateMax.At(at);
        var unmetered = rules.FeeRateUnmetered.At(at);
        var averageSources = rules.FeeAveragePriceSources.At(at);
        var rounding = rules.FeeRounding.At(at);
        var declaration = rules.FeeDeclarationDue.At(at);
        var payment = rules.FeePaymentDue.At(at);
        rules.FeeMultipleGrounds.At(at); // "highest" is the only mode the loader accepts

        var average = AveragePrice(rows, averageSources.Value!);
        var band = BandRate(average, bands.Value);
        var lines = new Dictionary<(string Ground, decimal? Rate), decimal>();
        var references = new SortedSet<string>(StringComparer.Ordinal) { rates.Reference, rounding.Reference, payment.Reference, averageSources.Reference };
        foreach (var row in rows)
        {
            if (row.Kwh == 0) continue;
            var grounds = new List<Ground>();
            var sourceRate = rates.Value![row.Source];
            if (sourceRate.Banded)
            {
                grounds.Add(new Ground(BandName(row.Source, average, band, bands.Value), band?.Rate));
                references.Add(bands.Reference);
            }
            else
            {
                grounds.Add(new Ground(row.Source.Code(), sourceRate.Fixed));
            }

            if (!row.IsMetered && unmetered.Value is { } unmeteredRate)
            {
                grounds.Add(new Ground("unmetered", unmeteredRate));
                references.Add(unmetered.Reference);
            }

            var chosen = Highest(grounds, rateMax.Value);
            if (rateMax.Value is not null) references.Add(rateMax.Reference);
            var key = (chosen.Name, chosen.Rate);
            lines[key] = lines.GetValueOrDefault(key) + row.Kwh;
        }

        var feeLines = lines
            .Select(l => new FeeLine(l.Key.Ground, l.Key.Rate, l.Value, l.Key.Rate * l.Value))
            .OrderByDescending(l => l.RateKztPerKwh ?? decimal.MaxValue).ThenBy(l => l.Ground, StringComparer.Ordinal)
            .ToArray();
        var unverified = feeLines.Any(l => l.RateKztPerKwh is null);
        decimal? amount = unverified ? null : rounding.Value!.Apply(feeLines.Sum(l => l.AmountKzt!.Value));
        if (declaration.Value is not null) references.Add(declaration.Reference);

        return new FeeAssessment(
            unverified ? FeeStatus.RateUnverified : FeeStatus.Assessed,
            amount,
            average,
            feeLines,
            Describe(feeLines, average, unverified),
            declaration.Value?.For(quarter),
            payment.Value?.For(quarter),
            references.ToArray());
    }

    /// <summary>Σ cost / Σ kWh over the rows of the given sources; null when they have no kWh.</summary>
    public static decimal? AveragePrice(IEnumerable<ConsumptionRow> rows, IReadOnlyList<EnergySource> sources)
    {
        decimal kwh = 0, cost = 0;
        foreach (var row in rows)
        {
            if (!sources.Contains(row.Source)) continue;
            kwh += row.Kwh;
            cost += row.CostKzt ?? 0;
        }

        return kwh == 0 ? null : cost / kwh;
    }

    private static PriceBand? BandRate(decimal? average, IReadOnlyList<PriceBand>? bands)
    {
        if (average is null || bands is null) return null;
        foreach (var band in bands)
        {
            if (average.Value >= band.FromPrice) return band;
        }

        return null;
    }

    private static string BandName(EnergySource source, decimal? average, PriceBand? band, IReadOnlyList<PriceBand>? bands)
    {
        if (band is null) return $"{source.Code()} (no price band)";
        var next = bands!.Where(b => b.FromPrice > band.FromPrice).Select(b => (decimal?)b.FromPrice).Min();
        var range = next is null
            ? $"average price >= {Number(band.FromPrice)}"
            : $"average price {Number(band.FromPrice)}-{Number(next.Value)}";
        return $"{source.Code()}, {range}";
    }

    /// <summary>
    /// The highest rate among the grounds. An unknown rate makes the result unknown, unless a known ground
    /// is already at the top of the scale, which nothing can exceed.
    /// </summary>
    private static Ground Highest(List<Ground> grounds, decimal? rateMax)
    {
        var known = grounds.Where(g => g.Rate is not null).OrderByDescending(g => g.Rate).FirstOrDefault();
        var anyUnknown = grounds.Any(g => g.Rate is null);
        if (!anyUnknown) return known!;
        if (known is not null && rateMax is not null && known.Rate >= rateMax) return known;
        var unknown = grounds.First(g => g.Rate is null);
        return grounds.Count == 1 ? unknown : new Ground(string.Join(" or ", grounds.Select(g => g.Name)), null);
    }

    private static string Describe(IReadOnlyList<FeeLine> lines, decimal? average, bool unverified)
    {
        var parts = lines.Select(l => l.RateKztPerKwh is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"{l.Kwh:#,##0.###} kWh x {Number(rate)} ({l.Ground})")
            : string.Create(CultureInfo.InvariantCulture, $"{l.Kwh:#,##0.###} kWh x unverified rate ({l.Ground})"));
        var text = string.Join(" + ", parts);
        if (lines.Count == 0) text = "no consumption";
        if (average is { } price) text = string.Create(CultureInfo.InvariantCulture, $"average price {Math.Round(price, 2, MidpointRounding.AwayFromZero):0.00} KZT/kWh; ") + text;
        if (unverified) text += "; rate-unverified: no fee is assessed until the rules give the missing rate";
        return text;
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
