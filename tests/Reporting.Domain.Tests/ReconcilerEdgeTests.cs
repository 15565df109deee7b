using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;

namespace Reporting.Domain.Tests;

/// <summary>Reconciliation's comparisons at their edges: sums, signs, order, and what a partial confirmation says.</summary>
public sealed class ReconcilerEdgeTests
{
    private static readonly Month March = new(2025, 3);
    private static readonly Licence A = new("KZ-DM-0001", "080240012341", "A LLP", LicenceSubtype.I, Zone.North, new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active);
    private static readonly Licence B = A with { Number = "KZ-DM-0002" };
    private static readonly Tolerance Kwh = new(1, 0.005m);
    private static readonly Tolerance Units = new(0.000001m, 0.0001m);
    private static readonly AifcExchange[] Exchanges = [new("AIX", "Astana International Exchange")];

    private static ConsumptionReport Consumption(string licence, params (EnergySource Source, decimal Kwh)[] rows) =>
        new(new ReportHeader(ReportKind.Consumption, licence, "080240012341", "Co", March, "1.0"),
            rows.Select((r, i) => new ConsumptionRow(i + 2, "Site", "M" + i, r.Source, r.Kwh, r.Source is EnergySource.Grid ? r.Kwh * 25 : null)).ToArray());

    private static SalesReport Sales(MinedRow[] mined, params SoldRow[] sold) =>
        new(new ReportHeader(ReportKind.Sales, "KZ-DM-0001", "080240012341", "Co", March, "1.0"), mined, sold);

    [Fact]
    public void Missing_reports_are_listed_by_licence_number_then_consumption_before_sales()
    {
        var findings = Reconciler.Timeliness(March, [B, A], new Dictionary<string, IReadOnlyList<FiledReport>>(), ReportDeadline.Default,
            new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal([("KZ-DM-0001", FindingKind.Consumption), ("KZ-DM-0001", FindingKind.Sales), ("KZ-DM-0002", FindingKind.Consumption), ("KZ-DM-0002", FindingKind.Sales)],
            findings.Select(f => (f.Licence, f.Kind)));
    }

    [Fact]
    public void Every_grid_row_counts_and_only_grid_rows()
    {
        // 60 + 40 grid kWh = 100 bought; the 500 renewable kWh are not bought from the market operator.
        var report = Consumption("KZ-DM-0001", (EnergySource.Grid, 60), (EnergySource.Grid, 40), (EnergySource.Renewable, 500));

        Assert.Empty(Reconciler.Consumption(March, [report], new Dictionary<string, decimal> { ["KZ-DM-0001"] = 100 }, Kwh));
    }

    [Fact]
    public void A_consumption_mismatch_states_reported_minus_purchased_and_licences_come_in_number_order()
    {
        var reports = new[] { Consumption("KZ-DM-0002", (EnergySource.Grid, 50)), Consumption("KZ-DM-0001", (EnergySource.Grid, 60), (EnergySource.Grid, 60)) };
        var purchased = new Dictionary<string, decimal> { ["KZ-DM-0001"] = 100, ["KZ-DM-0002"] = 80 };

        var findings = Reconciler.Consumption(March, reports, purchased, Kwh).ToArray();

        Assert.Equal(["KZ-DM-0001", "KZ-DM-0002"], findings.Select(f => f.Licence));
        Assert.Equal(20m, findings[0].Figures.Single(f => f.Name == "difference_kwh").Value);  // 120 - 100
        Assert.Equal(-30m, findings[1].Figures.Single(f => f.Name == "difference_kwh").Value); // 50 - 80
        Assert.Equal(MessageValue.Kwh(20m), findings[0].Message["difference"]);
    }

    [Fact]
    public void A_confirmation_of_another_asset_is_a_sale_confirmed_differently_with_the_confirmed_figures()
    {
        var sold = new SoldRow(2, "BTC", 1.0m, new DateOnly(2025, 3, 10), "AIX", "T-1", null, null);

        var differs = Assert.Single(Reconciler.Sales(March, Sales([], sold), Exchanges, [("AIX", "T-1", "ETH", 1.0m)], Units));
        var missing = Assert.Single(Reconciler.Sales(March, Sales([], sold), Exchanges, [], Units));

        Assert.Equal(("sale-unconfirmed", "differs"), (differs.Code, differs.Message.Variant));
        Assert.Equal(1.0m, differs.Figures.Single(f => f.Name == "confirmed_quantity").Value);
        Assert.Equal(MessageValue.Text("ETH"), differs.Message["confirmed_asset"]);
        Assert.Equal(("sale-unconfirmed", (string?)null), (missing.Code, missing.Message.Variant));
        Assert.Equal(0m, missing.Figures.Single(f => f.Name == "confirmed_quantity").Value);
    }

    [Fact]
    public void A_pool_payout_of_an_asset_never_reported_as_mined_is_a_finding_and_assets_come_in_name_order()
    {
        var report = Sales([new MinedRow(2, "BTC", 2.0m, new DateOnly(2025, 3, 1), "Foundry", "bc1q")]);

        var findings = Reconciler.Mined(March, report, [("BTC", 2.1m), ("LTC", 0.5m)], Units).ToArray();

        Assert.Equal(["BTC", "LTC"], findings.Select(f => f.Subject));
        Assert.Equal((0m, 0.5m, -0.5m), (findings[1].Figures[0].Value, findings[1].Figures[1].Value, findings[1].Figures[2].Value)); // 0 - 0.5
        Assert.Equal(MessageValue.Quantity(-0.1m), findings[0].Message["difference"]); // 2.0 - 2.1
    }
}
