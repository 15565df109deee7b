using System.Globalization;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Reconciliation;

/// <summary>A licence's current report of a month as reconciliation sees it: the records and when it arrived.</summary>
public sealed record FiledReport(MonthReport Report, DateTimeOffset ReceivedAt);

/// <summary>
/// The comparisons of reconciliation, as pure functions: reports missing or late, grid kWh against the
/// market operator's sales, sold trades against exchange confirmations, mined units against pool payouts.
/// </summary>
public static class Reconciler
{
    /// <summary>Missing (once the due date has passed) and late reports of the licences active in the month.</summary>
    public static IEnumerable<Finding> Timeliness(Month month, IEnumerable<Licence> licences, IReadOnlyDictionary<string, IReadOnlyList<FiledReport>> filed,
        ReportDeadline deadline, DateTimeOffset now)
    {
        var due = deadline.DueAt(month);
        foreach (var licence in licences.Where(l => l.IsActiveIn(month)).OrderBy(l => l.Number, StringComparer.Ordinal))
        {
            var reports = filed.GetValueOrDefault(licence.Number.ToUpperInvariant()) ?? [];
            foreach (var kind in new[] { ReportKind.Consumption, ReportKind.Sales })
            {
                var report = reports.FirstOrDefault(r => r.Report.Kind == kind && r.Report.Period == month);
                var findingKind = kind == ReportKind.Consumption ? FindingKind.Consumption : FindingKind.Sales;
                if (report is null)
                {
                    if (now <= due) continue; // not due yet
                    yield return new Finding(FindingCodes.ReportMissing, licence.Number, month, findingKind, null,
                        Text($"No accepted {kind.Code()} report of {licence.Number} for {month}; it was due {KazakhstanTime.ToLocal(due):yyyy-MM-dd HH:mm} (Kazakhstan time)."),
                        [], FindingSource.Reports);
                }
                else if (report.ReceivedAt > due)
                {
                    var days = Math.Round((decimal)(report.ReceivedAt - due).TotalDays, 1);
                    yield return new Finding(FindingCodes.ReportLate, licence.Number, month, findingKind, null,
                        Text($"The {kind.Code()} report of {licence.Number} for {month} arrived {KazakhstanTime.ToLocal(report.ReceivedAt):yyyy-MM-dd HH:mm}, {days} days after it was due."),
                        [new Figure("days_late", days, "days")], FindingSource.Reports);
                }
            }
        }
    }

    /// <summary>Reported grid kWh against the kWh the market operator sold each licence in centralised trading.</summary>
    public static IEnumerable<Finding> Consumption(Month month, IEnumerable<ConsumptionReport> reports, IReadOnlyDictionary<string, decimal> purchasedKwh, Tolerance tolerance)
    {
        foreach (var report in reports.Where(r => r.Period == month).OrderBy(r => r.Licence, StringComparer.Ordinal))
        {
            var reported = report.Rows.Where(r => r.Source == EnergySource.Grid).Sum(r => r.Kwh);
            var purchased = purchasedKwh.GetValueOrDefault(report.Licence.ToUpperInvariant());
            if (tolerance.Within(reported, purchased)) continue;
            yield return new Finding(FindingCodes.ConsumptionMismatch, report.Licence, month, FindingKind.Consumption, null,
                Text($"{report.Licence} reported {reported:#,##0.###} kWh of grid electricity for {month}; the market operator sold it {purchased:#,##0.###} kWh in centralised trading ({reported - purchased:+#,##0.###;-#,##0.###} kWh)."),
                [new Figure("reported_kwh", reported, "kWh"), new Figure("purchased_kwh", purchased, "kWh"), new Figure("difference_kwh", reported - purchased, "kWh")],
                FindingSource.MarketOperator);
        }
    }

    /// <summary>
    /// Each sale reported on an AIFC exchange against that exchange's confirmation of its trade id (trade ids are
    /// unique per exchange only, so another exchange's trade of the same id confirms nothing).
    /// </summary>
    public static IEnumerable<Finding> Sales(Month month, SalesReport report, IReadOnlyList<AifcExchange> exchanges,
        IEnumerable<(string Exchange, string TradeId, string Asset, decimal Quantity)> confirmations, Tolerance tolerance)
    {
        var byExchange = confirmations.ToArray();
        foreach (var sale in report.Sold.Where(s => exchanges.Any(e => e.Matches(s.Exchange))).OrderBy(s => s.TradeId, StringComparer.Ordinal))
        {
            var venue = exchanges.First(e => e.Matches(sale.Exchange));
            var confirmation = byExchange.FirstOrDefault(c => venue.Matches(c.Exchange) && string.Equals(c.TradeId.Trim(), sale.TradeId.Trim(), StringComparison.OrdinalIgnoreCase));
            if (confirmation.TradeId is not null &&
                string.Equals(confirmation.Asset, sale.Asset, StringComparison.OrdinalIgnoreCase) && tolerance.Within(sale.Quantity, confirmation.Quantity))
            {
                continue;
            }

            var confirmedQuantity = confirmation.TradeId is null ? 0 : confirmation.Quantity;
            var why = confirmation.TradeId is null
                ? $"{sale.Exchange} has no confirmation of trade {sale.TradeId}"
                : Text($"{sale.Exchange} confirms {confirmedQuantity:0.########} {confirmation.Asset} for trade {sale.TradeId}");
            yield return new Finding(FindingCodes.SaleUnconfirmed, report.Licence, month, FindingKind.Sales, sale.TradeId,
                Text($"{report.Licence} reported selling {sale.Quantity:0.########} {sale.Asset} on {sale.Exchange} on {sale.TradeDate:yyyy-MM-dd}; {why}."),
                [new Figure("reported_quantity", sale.Quantity, sale.Asset), new Figure("confirmed_quantity", confirmedQuantity, sale.Asset)],
                FindingSource.Exchange);
        }
    }

    /// <summary>Units reported as mined against the pools' payouts, per asset.</summary>
    public static IEnumerable<Finding> Mined(Month month, SalesReport report, IEnumerable<(string Asset, decimal Quantity)> distributions, Tolerance tolerance)
    {
        var paid = distributions.GroupBy(d => d.Asset.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(d => d.Quantity), StringComparer.Ordinal);
        var mined = report.Mined.GroupBy(m => m.Asset.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(m => m.Quantity), StringComparer.Ordinal);
        foreach (var asset in mined.Keys.Union(paid.Keys).Order(StringComparer.Ordinal))
        {
            var reported = mined.GetValueOrDefault(asset);
            var distributed = paid.GetValueOrDefault(asset);
            if (tolerance.Within(reported, distributed)) continue;
            yield return new Finding(FindingCodes.MinedMismatch, report.Licence, month, FindingKind.Sales, asset,
                Text($"{report.Licence} reported {reported:0.########} {asset} mined in {month}; the pools paid out {distributed:0.########} {asset} ({reported - distributed:+0.########;-0.########})."),
                [new Figure("reported_quantity", reported, asset), new Figure("distributed_quantity", distributed, asset), new Figure("difference", reported - distributed, asset)],
                FindingSource.Pools);
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
