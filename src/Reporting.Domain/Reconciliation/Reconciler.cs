using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;

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
                    yield return new Finding(
                        FindingCodes.ReportMissing.With(("kind", Terms.Term(kind)), ("licence", licence.Number), ("month", MessageValue.Month(month)), ("due", MessageValue.Instant(due))),
                        licence.Number, month, findingKind, null, [], FindingSource.Reports);
                }
                else if (report.ReceivedAt > due)
                {
                    var days = Math.Round((decimal)(report.ReceivedAt - due).TotalDays, 1);
                    yield return new Finding(
                        FindingCodes.ReportLate.With(("kind", Terms.Term(kind)), ("licence", licence.Number), ("month", MessageValue.Month(month)),
                            ("received", MessageValue.Instant(report.ReceivedAt)), ("days", MessageValue.Number(days))),
                        licence.Number, month, findingKind, null, [new Figure("days_late", days, "days")], FindingSource.Reports);
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
            yield return new Finding(
                FindingCodes.ConsumptionMismatch.With(("licence", report.Licence), ("reported", MessageValue.Kwh(reported)), ("month", MessageValue.Month(month)),
                    ("purchased", MessageValue.Kwh(purchased)), ("difference", MessageValue.Kwh(reported - purchased))),
                report.Licence, month, FindingKind.Consumption, null,
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
            var message = confirmation.TradeId is null
                ? FindingCodes.SaleUnconfirmed.With(("licence", report.Licence), ("quantity", MessageValue.Quantity(sale.Quantity)), ("asset", sale.Asset),
                    ("exchange", sale.Exchange), ("date", MessageValue.Date(sale.TradeDate)), ("trade_id", sale.TradeId))
                : FindingCodes.SaleUnconfirmedDiffers.With(("licence", report.Licence), ("quantity", MessageValue.Quantity(sale.Quantity)), ("asset", sale.Asset),
                    ("exchange", sale.Exchange), ("date", MessageValue.Date(sale.TradeDate)), ("trade_id", sale.TradeId),
                    ("confirmed", MessageValue.Quantity(confirmedQuantity)), ("confirmed_asset", confirmation.Asset));
            yield return new Finding(message, report.Licence, month, FindingKind.Sales, sale.TradeId,
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
            yield return new Finding(
                FindingCodes.MinedMismatch.With(("licence", report.Licence), ("reported", MessageValue.Quantity(reported)), ("asset", asset), ("month", MessageValue.Month(month)),
                    ("distributed", MessageValue.Quantity(distributed)), ("difference", MessageValue.Quantity(reported - distributed))),
                report.Licence, month, FindingKind.Sales, asset,
                [new Figure("reported_quantity", reported, asset), new Figure("distributed_quantity", distributed, asset), new Figure("difference", reported - distributed, asset)],
                FindingSource.Pools);
        }
    }
}
