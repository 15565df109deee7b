using Reporting.ExternalStandIn;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.External;

namespace Reporting.Samples;

/// <summary>
/// What the external systems know about the miners of a <see cref="DemoPlan"/>: the market operator's monthly
/// sales of grid electricity, the exchanges' trade confirmations and the pools' payouts. They agree with the
/// reports that count, except for a small share of deliberate discrepancies that reconciliation must find.
/// </summary>
public sealed class ExternalDataPlan
{
    private ExternalDataPlan() { }

    public Dictionary<Month, List<LicencePurchase>> Purchases { get; } = [];
    public Dictionary<(string Licence, Month Month), List<TradeConfirmation>> Trades { get; } = [];
    public Dictionary<(string Licence, Month Month), List<PoolDistribution>> Distributions { get; } = [];

    /// <summary>The discrepancies put in on purpose, as (code, licence, month, subject).</summary>
    public List<(string Code, string Licence, Month Month, string? Subject)> Discrepancies { get; } = [];

    /// <summary>Writes the data as the stand-in's data folder (replacing the folder).</summary>
    public void WriteTo(string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var (month, purchases) in Purchases) StandInData.WritePurchases(folder, month.ToString(), purchases);
        foreach (var ((licence, month), trades) in Trades) StandInData.WriteTrades(folder, licence, month.ToString(), trades);
        foreach (var ((licence, month), payouts) in Distributions) StandInData.WriteDistributions(folder, licence, month.ToString(), payouts);
    }

    public static ExternalDataPlan Create(DemoPlan plan, int seed, double discrepancyShare = 0.03)
    {
        var data = new ExternalDataPlan();
        var random = new Random(seed ^ 0x0e7e);
        var zones = plan.Registry.Licences.ToDictionary(l => l.Number, l => l.Zone.ToString(), StringComparer.Ordinal);
        foreach (var report in plan.Counted.OrderBy(r => r.Licence, StringComparer.Ordinal).ThenBy(r => r.Period).ThenBy(r => r.Kind))
        {
            switch (report)
            {
                case ConsumptionReport c:
                {
                    var grid = c.Rows.Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh);
                    if (grid == 0) break;
                    if (random.NextDouble() < discrepancyShare)
                    {
                        grid = decimal.Round(grid * (0.92m + (decimal)random.NextDouble() * 0.05m), 3);
                        data.Discrepancies.Add(("consumption-mismatch", c.Licence, c.Period, null));
                    }

                    if (!data.Purchases.TryGetValue(c.Period, out var list)) data.Purchases[c.Period] = list = [];
                    list.Add(new LicencePurchase(c.Licence, zones.GetValueOrDefault(c.Licence, "North"), grid, c.Period.Days));
                    break;
                }

                case SalesReport s:
                {
                    var trades = s.Sold.Where(x => SampleDataset.AifcExchanges.Any(e => e.Matches(x.Exchange)))
                        .Select(x => new TradeConfirmation(x.TradeId, SampleDataset.AifcExchanges.First(e => e.Matches(x.Exchange)).Code, x.Asset, x.Quantity, x.TradeDate, x.Price ?? 0, x.Currency ?? "USDT")).ToList();
                    if (trades.Count > 0 && random.NextDouble() < discrepancyShare)
                    {
                        var dropped = trades[random.Next(trades.Count)];
                        trades.Remove(dropped);
                        data.Discrepancies.Add(("sale-unconfirmed", s.Licence, s.Period, dropped.TradeId));
                    }

                    data.Trades[(s.Licence, s.Period)] = trades;
                    var payouts = s.Mined.Select(m => new PoolDistribution(m.Received, m.Asset, m.Quantity, m.Pool, m.Wallet)).ToList();
                    if (payouts.Count > 0 && random.NextDouble() < discrepancyShare)
                    {
                        var index = random.Next(payouts.Count);
                        payouts[index] = payouts[index] with { Quantity = decimal.Round(payouts[index].Quantity * 1.5m, 8) };
                        data.Discrepancies.Add(("mined-mismatch", s.Licence, s.Period, payouts[index].Asset));
                    }

                    data.Distributions[(s.Licence, s.Period)] = payouts;
                    break;
                }
            }
        }

        return data;
    }
}
