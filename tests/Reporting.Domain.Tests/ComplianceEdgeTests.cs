using System.Text.Json.Nodes;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Tests;

/// <summary>Quota, mandatory sale and licence checks at their edges, with hand-worked expectations.</summary>
public sealed class ComplianceEdgeTests
{
    private const string Number = "KZ-DM-0001";
    private const string BinOf = "080240012341";
    private static readonly Licence Active = new(Number, BinOf, "A LLP", LicenceSubtype.I, Zone.North, new DateOnly(2022, 1, 1), new DateOnly(2030, 1, 1), LicenceStatus.Active);
    private static readonly AifcExchange Aix = new("AIX", "Astana International Exchange");

    private static ConsumptionReport Consumption(Month month, decimal gridKwh, string source) =>
        new(new ReportHeader(ReportKind.Consumption, Number, BinOf, "A LLP", month, "1.0"), [new ConsumptionRow(2, "Site", "M-1", EnergySource.Grid, gridKwh, gridKwh * 25)])
        {
            Source = source,
        };

    private static SalesReport Sales(Month month, string source, MinedRow[] mined, params (string Asset, decimal Quantity, string Exchange)[] sold) =>
        new(new ReportHeader(ReportKind.Sales, Number, BinOf, "A LLP", month, "1.0"), mined,
            [.. sold.Select((s, i) => new SoldRow(i + 2, s.Asset, s.Quantity, month.Start.AddDays(9), s.Exchange, "T-" + i, null, null))])
        {
            Source = source,
        };

    private static MinedRow Mined(string asset, decimal quantity) => new(2, asset, quantity, new DateOnly(2025, 1, 5), "Foundry", "bc1q");

    private static QuarterAssessment Assess(Quarter quarter, ConsumptionReport[] consumption, SalesReport[] sales, Registry.Registry registry, RuleSet? rules = null) =>
        QuarterAssessor.Assess(new AssessmentInput(Number, quarter, consumption, sales, registry), rules ?? RuleSet.Default);

    [Fact]
    public void A_quota_breach_names_the_file_when_one_report_covers_the_month_and_none_when_several_add_up()
    {
        var july = new Month(2024, 7);
        var registry = new Registry.Registry([Active], [new GridQuota(Number, july, 500)], [], [Aix]);

        var one = Assert.Single(Assess(july.Quarter, [Consumption(july, 600, "KZ-DM-0001/july.xlsx")], [], registry).Violations);
        var two = Assert.Single(Assess(july.Quarter, [Consumption(july, 300, "KZ-DM-0001/a.xlsx"), Consumption(july, 300, "KZ-DM-0001/b.xlsx")], [], registry).Violations);

        Assert.Equal(("quota-exceeded", "KZ-DM-0001/july.xlsx", 100m), (one.Code, one.Source, one.FigureValue("excess_kwh"))); // 600 - 500
        Assert.Equal(("quota-exceeded", (string?)null, 100m), (two.Code, two.Source, two.FigureValue("excess_kwh")));       // 300 + 300 - 500
    }

    [Fact]
    public void A_quarter_where_the_quota_applies_for_some_months_is_assessed_not_left_not_applicable()
    {
        // Quota edited to apply from 1 August 2023: July does not count, August does (100 kWh against a quota of 200).
        var root = JsonNode.Parse(RuleSet.DefaultText())!;
        root["parameters"]!["quota.applies"]!["values"]![1]!["effective_from"] = "2023-08-01";
        var rules = RuleSetLoader.Parse(root.ToJsonString(), "edited");
        var august = new Month(2023, 8);
        var registry = new Registry.Registry([Active], [new GridQuota(Number, august, 200)], [], [Aix]);

        var quota = Assess(august.Quarter, [Consumption(new Month(2023, 7), 900, "j.xlsx"), Consumption(august, 100, "a.xlsx")], [], registry, rules).Quota;

        Assert.Equal(QuotaStatus.Compliant, quota.Status);
        Assert.Equal([false, true, true], quota.Months.Select(m => m.Applies));
    }

    [Fact]
    public void Every_asset_mined_or_sold_is_assessed_in_name_order_and_one_never_sold_is_below_the_minimum()
    {
        // 2025-Q1: 80 % of each asset mined must be sold on AIFC exchanges.
        var january = new Month(2025, 1);
        var registry = new Registry.Registry([Active], [], [], [Aix]);
        var report = Sales(january, "s.xlsx", [Mined("ETH", 2.0m), Mined("BTC", 1.0m)],
            ("BTC", 0.9m, "AIX"), ("BTC", 0.05m, "Binance"), ("BTC", 0.03m, "Bybit"), ("LTC", 1m, "Astana International Exchange"));

        var sale = Assess(january.Quarter, [], [report], registry).Sale;

        Assert.Equal(SaleStatus.BelowMinimum, sale.Status);
        Assert.Equal(
            [new AssetSale("BTC", 1.0m, 0.9m, 0.08m, 0.9m, true), new AssetSale("ETH", 2.0m, 0m, 0m, 0m, false), new AssetSale("LTC", 0m, 1m, 0m, null, true)],
            sale.Assets);
        var below = Assert.Single(Assess(january.Quarter, [], [report], registry).Violations, v => v.Code == "sale-share-below-minimum");
        Assert.Equal(("ETH", 1.6m), (below.Subject, below.FigureValue("shortfall"))); // 0.8 x 2.0 - 0
    }

    [Fact]
    public void Sales_elsewhere_warn_once_per_month_and_exchange_in_month_then_name_order_naming_the_file_only_when_one()
    {
        var january = new Month(2025, 1);
        var february = new Month(2025, 2);
        var registry = new Registry.Registry([Active], [], [], [Aix]);
        var feb = Sales(february, "feb.xlsx", [], ("BTC", 0.1m, "Binance"));
        var janA = Sales(january, "jan-a.xlsx", [], ("BTC", 0.2m, "Bybit"), ("BTC", 0.3m, "binance"));
        var janB = Sales(january, "jan-b.xlsx", [], ("BTC", 0.4m, "Binance "));

        var warnings = Assess(january.Quarter, [], [feb, janA, janB], registry).Violations.Where(v => v.Code == "sale-exchange-not-aifc").ToArray();

        Assert.Equal([("2025-01", "binance", 0.7m, (string?)null), ("2025-01", "Bybit", 0.2m, "jan-a.xlsx"), ("2025-02", "Binance", 0.1m, "feb.xlsx")],
            warnings.Select(w => (w.Period, w.Subject, w.FigureValue("quantity")!.Value, w.Source)));
    }

    [Fact]
    public void Licence_problems_are_listed_by_month_then_consumption_before_sales()
    {
        var january = new Month(2025, 1);
        var february = new Month(2025, 2);
        var unknown = new Registry.Registry([], [], [], [Aix]); // the licence is not in the registry

        var violations = Assess(january.Quarter, [Consumption(february, 10, "c2.xlsx"), Consumption(january, 10, "c1.xlsx")],
            [Sales(january, "s1.xlsx", [])], unknown).Violations.Where(v => v.Code == "licence-unknown");

        Assert.Equal([("2025-01", "c1.xlsx"), ("2025-01", "s1.xlsx"), ("2025-02", "c2.xlsx")], violations.Select(v => (v.Period, v.Source)));
    }
}
