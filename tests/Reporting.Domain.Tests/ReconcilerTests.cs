using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Tests;

public sealed class ReconcilerTests
{
    private static readonly Month March = new(2025, 3);
    private static readonly Licence A = new("KZ-DM-0001", "080240012341", "A LLP", LicenceSubtype.I, Zone.North, new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 1), LicenceStatus.Active);
    private static readonly Licence B = A with { Number = "KZ-DM-0002" };
    private static readonly Licence LaterThanMarch = A with { Number = "KZ-DM-0003", ValidFrom = new DateOnly(2025, 4, 1) };
    private static readonly Tolerance Kwh = new(1, 0.005m);
    private static readonly Tolerance Units = new(0.000001m, 0.0001m);

    private static ConsumptionReport Consumption(string licence, params (EnergySource Source, decimal Kwh)[] rows) =>
        new(new ReportHeader(ReportKind.Consumption, licence, "080240012341", "Co", March, "1.0"),
            rows.Select((r, i) => new ConsumptionRow(i + 2, "Site", "M" + i, r.Source, r.Kwh, r.Source is EnergySource.Grid ? r.Kwh * 25 : null)).ToArray());

    private static SalesReport Sales(string licence) => new(new ReportHeader(ReportKind.Sales, licence, "080240012341", "Co", March, "1.0"),
        [new MinedRow(2, "BTC", 1.5m, new DateOnly(2025, 3, 1), "Foundry", "bc1q"), new MinedRow(3, "BTC", 0.5m, new DateOnly(2025, 3, 2), "Foundry", "bc1q")],
        [
            new SoldRow(2, "BTC", 1.0m, new DateOnly(2025, 3, 10), "AIX", "T-1", null, null),
            new SoldRow(3, "BTC", 0.6m, new DateOnly(2025, 3, 12), "ATAIX Eurasia", "T-2", null, null),
            new SoldRow(4, "BTC", 0.2m, new DateOnly(2025, 3, 13), "Binance.com", "X-9", null, null),
        ]);

    private static readonly AifcExchange[] Exchanges = [new("AIX", "Astana International Exchange"), new("ATAIX", "ATAIX Eurasia")];

    [Theory]
    [InlineData("2025-04-10T18:59:59Z", 0)] // 23:59:59 on the due day in Kazakhstan: not missing yet
    [InlineData("2025-04-10T19:00:00Z", 3)] // one second later: missing
    public void Reports_are_missing_only_once_their_due_date_has_passed(string now, int missing)
    {
        var filed = new Dictionary<string, IReadOnlyList<FiledReport>>
        {
            ["KZ-DM-0001"] = [new FiledReport(Consumption("KZ-DM-0001", (EnergySource.Grid, 10)), new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero))],
        };

        var findings = Reconciler.Timeliness(March, [A, B, LaterThanMarch], filed, ReportDeadline.Default, DateTimeOffset.Parse(now)).ToArray();

        Assert.Equal(missing, findings.Count(f => f.Code == FindingCodes.ReportMissing));
        Assert.DoesNotContain(findings, f => f.Licence == "KZ-DM-0003"); // not active in March
        if (missing > 0)
        {
            Assert.Contains(findings, f => f.Licence == "KZ-DM-0001" && f.Kind == FindingKind.Sales);
            Assert.Equal(2, findings.Count(f => f.Licence == "KZ-DM-0002"));
        }
    }

    [Fact]
    public void A_report_received_after_its_due_date_is_late_by_the_days_it_missed()
    {
        var received = ReportDeadline.Default.DueAt(March).AddDays(2.5);
        var filed = new Dictionary<string, IReadOnlyList<FiledReport>> { ["KZ-DM-0001"] = [new FiledReport(Sales("KZ-DM-0001"), received)] };

        var late = Assert.Single(Reconciler.Timeliness(March, [A], filed, ReportDeadline.Default, received.AddDays(30)), f => f.Code == FindingCodes.ReportLate);

        Assert.Equal(FindingKind.Sales, late.Kind);
        Assert.Equal(2.5m, late.Figures.Single().Value);
    }

    [Theory]
    [InlineData(0, false)]  // received exactly at the due instant: on time
    [InlineData(1, true)]   // one tick later: late (no grace)
    public void A_report_is_late_only_after_its_due_instant(long ticksAfterDue, bool late)
    {
        // March 2025 is due on 10 April at 23:59:59 in Kazakhstan (UTC+5 since March 2024) = 18:59:59 UTC.
        var due = new DateTimeOffset(2025, 4, 10, 18, 59, 59, TimeSpan.Zero);
        var received = due.AddTicks(ticksAfterDue);
        var filed = new Dictionary<string, IReadOnlyList<FiledReport>>
        {
            ["KZ-DM-0001"] = [new FiledReport(Consumption("KZ-DM-0001", (EnergySource.Grid, 10)), received), new FiledReport(Sales("KZ-DM-0001"), received)],
        };

        var findings = Reconciler.Timeliness(March, [A], filed, ReportDeadline.Default, due.AddDays(30)).ToArray();

        Assert.Equal(late ? 2 : 0, findings.Count(f => f.Code == FindingCodes.ReportLate));
        Assert.All(findings, f => Assert.Equal(0.0m, f.Figures.Single(x => x.Name == "days_late").Value));
        Assert.Equal(late, ReportDeadline.Default.IsLate(March, received));
    }

    [Fact]
    public void Only_a_report_of_the_month_and_kind_counts_as_filed()
    {
        var february = Consumption("KZ-DM-0001", (EnergySource.Grid, 10)) with { Header = new ReportHeader(ReportKind.Consumption, "KZ-DM-0001", "080240012341", "Co", new Month(2025, 2), "1.0") };
        var filed = new Dictionary<string, IReadOnlyList<FiledReport>>
        {
            // Keys are upper-case licence numbers: a licence written in lower case in the registry still finds them.
            ["KZ-DM-0001"] = [new FiledReport(february, new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero)), new FiledReport(Sales("KZ-DM-0001"), new DateTimeOffset(2025, 4, 2, 0, 0, 0, TimeSpan.Zero))],
        };

        var findings = Reconciler.Timeliness(March, [A with { Number = "kz-dm-0001" }], filed, ReportDeadline.Default, new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero)).ToArray();

        var missing = Assert.Single(findings);
        Assert.Equal((FindingCodes.ReportMissing, FindingKind.Consumption, "kz-dm-0001"), (missing.Code, missing.Kind, missing.Licence));
    }

    [Theory]
    [InlineData(100_000, 100_000, false)]
    [InlineData(100_000, 99_500, false)]   // 0.5 % of the larger figure: within tolerance
    [InlineData(100_000, 99_499, true)]
    [InlineData(0.5, 0, false)]            // under one kWh
    [InlineData(50, 0, true)]              // grid power used but nothing bought
    public void Grid_kWh_are_compared_with_the_market_operators_sales(double reported, double purchased, bool finding)
    {
        var report = Consumption("KZ-DM-0001", (EnergySource.Grid, (decimal)reported), (EnergySource.Renewable, 5000));

        var findings = Reconciler.Consumption(March, [report], new Dictionary<string, decimal> { ["KZ-DM-0001"] = (decimal)purchased }, Kwh).ToArray();

        Assert.Equal(finding, findings.Length == 1);
        if (finding)
        {
            Assert.Equal((decimal)reported, findings[0].Figures.Single(f => f.Name == "reported_kwh").Value);
            Assert.Equal((decimal)purchased, findings[0].Figures.Single(f => f.Name == "purchased_kwh").Value);
        }
    }

    [Fact]
    public void Sales_on_AIFC_exchanges_need_a_matching_confirmation_and_others_are_not_asked()
    {
        var findings = Reconciler.Sales(March, Sales("KZ-DM-0001"), Exchanges,
            [("AIX", "t-1", "BTC", 1.0m), ("ATAIX", "T-2", "BTC", 0.59m), ("Binance.com", "X-9", "BTC", 0.2m)], Units).ToArray();

        var finding = Assert.Single(findings);
        Assert.Equal(("T-2", 0.6m, 0.59m), (finding.Subject, finding.Figures[0].Value, finding.Figures[1].Value));

        var none = Reconciler.Sales(March, Sales("KZ-DM-0001"), Exchanges, [], Units).ToArray();
        Assert.Equal(["T-1", "T-2"], none.Select(f => f.Subject));
        Assert.All(none, f => Assert.Equal(0, f.Figures.Single(x => x.Name == "confirmed_quantity").Value));
    }

    [Fact]
    public void A_confirmation_from_another_exchange_with_the_same_trade_id_confirms_nothing()
    {
        var findings = Reconciler.Sales(March, Sales("KZ-DM-0001"), Exchanges,
            [("ATAIX", "T-1", "BTC", 1.0m), ("Astana International Exchange", "T-2", "BTC", 0.6m)], Units).ToArray();

        Assert.Equal(["T-1", "T-2"], findings.Select(f => f.Subject));
        Assert.All(findings, f => Assert.Equal(0, f.Figures.Single(x => x.Name == "confirmed_quantity").Value));
    }

    [Fact]
    public void Mined_units_are_compared_per_asset_with_the_pools_payouts()
    {
        Assert.Empty(Reconciler.Mined(March, Sales("KZ-DM-0001"), [("BTC", 1.2m), ("btc", 0.8m)], Units));

        var finding = Assert.Single(Reconciler.Mined(March, Sales("KZ-DM-0001"), [("BTC", 2.1m), ("LTC", 0m)], Units));
        Assert.Equal(("BTC", -0.1m), (finding.Subject, finding.Figures.Single(f => f.Name == "difference").Value));
    }
}
