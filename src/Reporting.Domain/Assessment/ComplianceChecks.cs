using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Assessment;

/// <summary>The quota, mandatory-sale, licence and plausibility checks of one licence's quarter.</summary>
internal static class ComplianceChecks
{
    public static QuotaAssessment Quota(AssessmentInput input, RuleSet rules, List<Violation> violations)
    {
        var months = new List<MonthQuota>();
        foreach (var month in input.Quarter.Months)
        {
            var applies = rules.QuotaApplies.At(month.Start);
            var counted = rules.QuotaCountedSources.At(month.Start);
            var reports = input.Consumption.Where(r => r.Period == month).ToArray();
            var gridKwh = reports.SelectMany(r => r.Rows).Where(r => counted.Value!.Contains(r.Source)).Sum(r => r.Kwh);
            var quotas = input.Registry.QuotasOf(input.Licence).Where(q => q.Month == month).ToArray();
            decimal? quotaKwh = quotas.Length == 0 ? null : quotas.Sum(q => q.Kwh);
            var line = new MonthQuota(month, applies.Value, gridKwh, quotaKwh);
            months.Add(line);
            if (!applies.Value || gridKwh == 0) continue;

            var source = reports.Length == 1 ? reports[0].Source : null;
            if (quotaKwh is null)
            {
                violations.Add(new Violation(ViolationCodes.NoQuota.With(("month", MessageValue.Month(month)), ("grid_kwh", MessageValue.Kwh(gridKwh))),
                    Severity.Error, input.Licence, month.ToString(), null, [new Figure("grid_kwh", gridKwh, "kWh")], applies.Reference, source));
            }
            else if (gridKwh > quotaKwh)
            {
                violations.Add(new Violation(
                    ViolationCodes.QuotaExceeded.With(("month", MessageValue.Month(month)), ("grid_kwh", MessageValue.Kwh(gridKwh)),
                        ("quota_kwh", MessageValue.Kwh(quotaKwh.Value)), ("excess_kwh", MessageValue.Kwh(line.ExcessKwh))),
                    Severity.Error, input.Licence, month.ToString(), null,
                    [new Figure("grid_kwh", gridKwh, "kWh"), new Figure("quota_kwh", quotaKwh.Value, "kWh"), new Figure("excess_kwh", line.ExcessKwh, "kWh")],
                    applies.Reference, source));
            }
        }

        var status = months.All(m => !m.Applies) ? QuotaStatus.NotApplicable
            : violations.Any(v => v.Code == ViolationCodes.NoQuota || v.Code == ViolationCodes.QuotaExceeded) ? QuotaStatus.Violated
            : QuotaStatus.Compliant;
        return new QuotaAssessment(status, months);
    }

    public static SaleAssessment Sale(AssessmentInput input, RuleSet rules, List<Violation> violations)
    {
        var required = rules.SaleShareMin.At(input.Quarter.Start);
        if (required.Value is not { } share) return new SaleAssessment(SaleStatus.NotApplicable, null, []);

        var exchanges = input.Registry.Exchanges;
        bool IsAifc(string exchange) => exchanges.Any(e => e.Matches(exchange));

        // Sales elsewhere do not count: a warning per month and exchange.
        foreach (var group in input.Sales
            .SelectMany(r => r.Sold.Select(s => (Report: r, Sale: s)))
            .Where(x => !IsAifc(x.Sale.Exchange))
            .GroupBy(x => (x.Report.Period, Exchange: x.Sale.Exchange.Trim().ToUpperInvariant()))
            .OrderBy(g => g.Key.Period).ThenBy(g => g.Key.Exchange, StringComparer.Ordinal))
        {
            var quantity = group.Sum(x => x.Sale.Quantity);
            var name = group.First().Sale.Exchange.Trim();
            var sources = group.Select(x => x.Report.Source).Distinct().ToArray();
            violations.Add(new Violation(
                ViolationCodes.SaleExchangeNotAifc.With(("quantity", MessageValue.Quantity(quantity)), ("month", MessageValue.Month(group.Key.Period)), ("exchange", name)),
                Severity.Warning, input.Licence, group.Key.Period.ToString(), name,
                [new Figure("quantity", quantity, "units")], required.Reference, sources.Length == 1 ? sources[0] : null));
        }

        var mined = input.Sales.SelectMany(r => r.Mined).GroupBy(m => m.Asset.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(m => m.Quantity), StringComparer.Ordinal);
        var sold = input.Sales.SelectMany(r => r.Sold).GroupBy(s => s.Asset.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var assets = new List<AssetSale>();
        foreach (var asset in mined.Keys.Union(sold.Keys).Order(StringComparer.Ordinal))
        {
            var minedQuantity = mined.GetValueOrDefault(asset);
            var sales = sold.GetValueOrDefault(asset) ?? [];
            var soldAifc = sales.Where(s => IsAifc(s.Exchange)).Sum(s => s.Quantity);
            var soldElsewhere = sales.Sum(s => s.Quantity) - soldAifc;
            decimal? assetShare = minedQuantity > 0 ? soldAifc / minedQuantity : null;
            var compliant = assetShare is null || assetShare >= share;
            assets.Add(new AssetSale(asset, minedQuantity, soldAifc, soldElsewhere, assetShare, compliant));
            if (compliant) continue;

            var shortfall = share * minedQuantity - soldAifc;
            violations.Add(new Violation(
                ViolationCodes.SaleShareBelowMinimum.With(("asset", asset), ("quarter", MessageValue.Quarter(input.Quarter)), ("sold", MessageValue.Quantity(soldAifc)),
                    ("mined", MessageValue.Quantity(minedQuantity)), ("share", MessageValue.Share(assetShare!.Value)), ("required", MessageValue.Share(share)),
                    ("shortfall", MessageValue.Quantity(shortfall))),
                Severity.Error, input.Licence, input.Quarter.ToString(), asset,
                [new Figure("mined", minedQuantity, asset), new Figure("sold_aifc", soldAifc, asset), new Figure("share", assetShare!.Value, "share"),
                 new Figure("required_share", share, "share"), new Figure("shortfall", shortfall, asset)],
                required.Reference, null));
        }

        var status = assets.All(a => a.Mined == 0) ? SaleStatus.NothingMined
            : assets.Any(a => !a.Compliant) ? SaleStatus.BelowMinimum
            : SaleStatus.Compliant;
        return new SaleAssessment(status, share, assets);
    }

    public static void Licence(AssessmentInput input, List<Violation> violations)
    {
        var licence = input.Registry.FindLicence(input.Licence);
        foreach (var report in input.Consumption.Cast<MonthReport>().Concat(input.Sales).OrderBy(r => r.Period).ThenBy(r => r.Kind))
        {
            var period = report.Period.ToString();
            if (licence is null)
            {
                violations.Add(new Violation(
                    ViolationCodes.LicenceUnknown.With(("licence", input.Licence), ("kind", Terms.Term(report.Kind)), ("month", MessageValue.Month(report.Period))),
                    Severity.Error, input.Licence, period, null, [], "registry", report.Source));
                continue;
            }

            if (!licence.IsActiveIn(report.Period))
            {
                var message = licence.StatusSince is { } since
                    ? ViolationCodes.LicenceInactiveSince.With(("licence", licence.Number), ("month", MessageValue.Month(report.Period)),
                        ("valid_from", MessageValue.Date(licence.ValidFrom)), ("valid_to", MessageValue.Date(licence.ValidTo)), ("status", Terms.Term(licence.Status)),
                        ("since", MessageValue.Date(since)), ("kind", Terms.Term(report.Kind)))
                    : ViolationCodes.LicenceInactive.With(("licence", licence.Number), ("month", MessageValue.Month(report.Period)),
                        ("valid_from", MessageValue.Date(licence.ValidFrom)), ("valid_to", MessageValue.Date(licence.ValidTo)), ("status", Terms.Term(licence.Status)),
                        ("kind", Terms.Term(report.Kind)));
                violations.Add(new Violation(message, Severity.Error, input.Licence, period, null, [], "registry", report.Source));
            }

            if (!string.Equals(report.Header.Bin, licence.Bin, StringComparison.Ordinal))
            {
                violations.Add(new Violation(
                    ViolationCodes.BinMismatch.With(("kind", Terms.Term(report.Kind)), ("month", MessageValue.Month(report.Period)), ("bin", report.Header.Bin),
                        ("licence", licence.Number), ("licence_bin", licence.Bin)),
                    Severity.Error, input.Licence, period, report.Header.Bin, [], "registry", report.Source));
            }
        }
    }

    public static void Plausibility(AssessmentInput input, RuleSet rules, List<Violation> violations)
    {
        var equipment = input.Registry.EquipmentOf(input.Licence);
        if (equipment.Count == 0) return;
        foreach (var month in input.Quarter.Months)
        {
            var reports = input.Consumption.Where(r => r.Period == month).ToArray();
            if (reports.Length == 0) continue;
            var factor = rules.PlausibilityMaxLoadFactor.At(month.Start);
            if (factor.Value is not { } loadFactor) continue;
            var consumed = reports.SelectMany(r => r.Rows).Sum(r => r.Kwh);
            var capacity = equipment.Sum(e => e.MaxKwhIn(month)) * loadFactor;
            if (consumed <= capacity) continue;
            violations.Add(new Violation(
                ViolationCodes.ConsumptionImplausible.With(("kwh", MessageValue.Kwh(consumed)), ("month", MessageValue.Month(month)),
                    ("capacity_kwh", MessageValue.Kwh(capacity)), ("hours", month.Hours)),
                Severity.Warning, input.Licence, month.ToString(), null,
                [new Figure("consumed_kwh", consumed, "kWh"), new Figure("capacity_kwh", capacity, "kWh")],
                factor.Reference, reports.Length == 1 ? reports[0].Source : null));
        }
    }
}
