using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;

namespace Reporting.Domain.Assessment;

/// <summary>
/// The digital mining fee of one licence for one quarter: Σ kWh × rate, each row at the highest rate
/// of its grounds (its source, the price band, no metering), rounded once per licence per quarter.
/// </summary>
public static class FeeCalculator
{
    /// <summary>A ground for a rate (its wording, a catalogue message) and the rate; the wording's JSON is its identity.</summary>
    private sealed record Ground(Message Name, decimal? Rate)
    {
        public string Key => MessageJson.Serialize(Name);
    }

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
        var lines = new Dictionary<(string Key, decimal? Rate), (Message Ground, decimal Kwh)>();
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
                grounds.Add(new Ground(FeeTexts.GroundSource.With(("source", Terms.Term(row.Source))), sourceRate.Fixed));
            }

            if (!row.IsMetered && unmetered.Value is { } unmeteredRate)
            {
                grounds.Add(new Ground(FeeTexts.GroundUnmetered.With(), unmeteredRate));
                references.Add(unmetered.Reference);
            }

            var chosen = Highest(grounds, rateMax.Value);
            if (rateMax.Value is not null) references.Add(rateMax.Reference);
            var key = (chosen.Key, chosen.Rate);
            lines[key] = (chosen.Name, (lines.TryGetValue(key, out var line) ? line.Kwh : 0) + row.Kwh);
        }

        var feeLines = lines
            .Select(l => new FeeLine(l.Value.Ground, l.Key.Rate, l.Value.Kwh, l.Key.Rate * l.Value.Kwh))
            .OrderByDescending(l => l.RateKztPerKwh ?? decimal.MaxValue).ThenBy(l => MessageJson.Serialize(l.Ground), StringComparer.Ordinal)
            .ToArray();
        var unverified = feeLines.Any(l => l.RateKztPerKwh is null);
        decimal? amount = unverified ? null : rounding.Value!.Apply(feeLines.Sum(l => l.AmountKzt!.Value));
        if (declaration.Value is not null) references.Add(declaration.Reference);

        return new FeeAssessment(
            unverified ? FeeStatus.RateUnverified : FeeStatus.Assessed,
            amount,
            average,
            feeLines,
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

    private static Message BandName(EnergySource source, decimal? average, PriceBand? band, IReadOnlyList<PriceBand>? bands)
    {
        if (band is null) return FeeTexts.GroundNoBand.With(("source", Terms.Term(source)));
        var next = bands!.Where(b => b.FromPrice > band.FromPrice).Select(b => (decimal?)b.FromPrice).Min();
        return next is null
            ? FeeTexts.GroundBandTop.With(("source", Terms.Term(source)), ("from", MessageValue.Number(band.FromPrice)))
            : FeeTexts.GroundBand.With(("source", Terms.Term(source)), ("from", MessageValue.Number(band.FromPrice)), ("to", MessageValue.Number(next.Value)));
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
        return grounds.Count == 1
            ? unknown
            : new Ground(FeeTexts.GroundEither.With(("grounds", MessageValue.List(grounds.Select(g => MessageValue.Nested(g.Name))))), null);
    }
}
