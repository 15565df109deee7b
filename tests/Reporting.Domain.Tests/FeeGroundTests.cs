using System.Text.Json.Nodes;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Text;

namespace Reporting.Domain.Tests;

/// <summary>
/// What a fee line says it rests on: the band it fell in (named by its bounds), the ground chosen when several apply,
/// the order of the lines, and the rule entries the fee cites. Expectations worked by hand from the shipped rules.
/// </summary>
public sealed class FeeGroundTests
{
    private static ConsumptionRow Row(EnergySource source, decimal kwh, decimal? cost = null, bool metered = true) =>
        new(2, "Site", metered ? "M-" + source.Code() : null, source, kwh, cost);

    /// <summary>The shipped rules with one parameter's entry value replaced.</summary>
    private static RuleSet With(string parameter, int entry, string json)
    {
        var root = JsonNode.Parse(RuleSet.DefaultText())!;
        root["parameters"]![parameter]!["values"]![entry]!["value"] = JsonNode.Parse(json);
        return RuleSetLoader.Parse(root.ToJsonString(), "edited");
    }

    [Fact]
    public void A_flat_quarter_cites_the_rates_rounding_payment_and_average_sources_and_nothing_not_in_force()
    {
        // 2022: no bands, no top rate, no unmetered rate, no declaration date.
        var fee = FeeCalculator.Calculate(new Quarter(2022, 1), [Row(EnergySource.Grid, 100, 2500)], RuleSet.Default);

        Assert.Equal(["fee.average_price_sources@2022-01-01", "fee.payment_due@2022-01-01", "fee.rates@2022-01-01", "fee.rounding@2022-01-01"], fee.RuleReferences);
        Assert.Equal(100m, fee.AmountKzt); // 100 kWh x 1
    }

    [Fact]
    public void A_2023_quarter_also_cites_the_bands_the_unmetered_and_top_rates_and_the_declaration_date()
    {
        var fee = FeeCalculator.Calculate(new Quarter(2023, 1),
            [Row(EnergySource.Grid, 1000, 30_000), Row(EnergySource.OwnGeneration, 10, metered: false)], RuleSet.Default);

        string[] expected =
        [
            "fee.average_price_sources@2022-01-01", "fee.declaration_due@2023-01-01", "fee.payment_due@2023-01-01", "fee.price_bands@2023-01-01",
            "fee.rate_max@2023-01-01", "fee.rate_unmetered@2023-01-01", "fee.rates@2023-01-01", "fee.rounding@2022-01-01",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), fee.RuleReferences);
        Assert.Equal(1250m, fee.AmountKzt); // average 30 >= 24: grid 1000 x 1; unmetered own generation 10 x 25
    }

    [Fact]
    public void Lines_run_from_the_unknown_rate_down_to_the_lowest_and_equal_rates_by_their_ground()
    {
        // 2023-Q2: average 20 KZT/kWh < 24, whose band has no rate; own generation and off-grid 10; renewable 1.
        var fee = FeeCalculator.Calculate(new Quarter(2023, 2),
            [Row(EnergySource.Renewable, 100), Row(EnergySource.OwnGeneration, 300), Row(EnergySource.Grid, 1000, 20_000), Row(EnergySource.OffGrid, 200)],
            RuleSet.Default);

        Assert.Equal(FeeStatus.RateUnverified, fee.Status);
        Assert.Null(fee.AmountKzt);
        // "off-grid" sorts before "own-generation" in the grounds' stored form.
        Assert.Equal([(null, 1000m), (10m, 200m), (10m, 300m), (1m, 100m)], fee.Lines.Select(l => (l.RateKztPerKwh, l.Kwh)));
        Assert.Equal([null, 2000m, 3000m, 100m], fee.Lines.Select(l => l.AmountKzt));
    }

    [Fact]
    public void A_line_at_the_unmetered_rate_comes_before_lower_source_rates_whatever_its_ground_is_called()
    {
        // 2023-Q2: unmetered own generation at 25 (its highest ground), metered own generation at 10, renewable at 1.
        var fee = FeeCalculator.Calculate(new Quarter(2023, 2),
            [Row(EnergySource.Renewable, 100), Row(EnergySource.OwnGeneration, 300), Row(EnergySource.OwnGeneration, 50, metered: false)], RuleSet.Default);

        Assert.Equal([(25m, 50m, "fee.ground.unmetered"), (10m, 300m, "fee.ground.source"), (1m, 100m, "fee.ground.source")],
            fee.Lines.Select(l => (l.RateKztPerKwh!.Value, l.Kwh, l.Ground.Code)));
        Assert.Equal(4350m, fee.AmountKzt); // 50 x 25 + 300 x 10 + 100 x 1
    }

    [Theory]
    [InlineData(20_000, "fee.ground.band", 0, 24, null)] // average 20: the band from 0 up to the next one, 24
    [InlineData(27_000, "fee.ground.band", 24, 30, 1)]   // average 27: from 24 up to 30
    [InlineData(35_000, "fee.ground.band-top", 30, null, 3)] // average 35: the top band, no upper bound
    public void A_banded_line_is_named_by_its_band_bounds(int costKzt, string ground, int from, int? to, int? rate)
    {
        var rules = With("fee.price_bands", 1, """[{"from_price": 0, "rate": null}, {"from_price": 24, "rate": 1}, {"from_price": 30, "rate": 3}]""");

        var line = Assert.Single(FeeCalculator.Calculate(new Quarter(2023, 3), [Row(EnergySource.Grid, 1000, costKzt)], rules).Lines);

        Assert.Equal(ground, line.Ground.Code);
        Assert.Equal(Terms.Term(EnergySource.Grid), line.Ground["source"]);
        Assert.Equal(MessageValue.Number(from), line.Ground["from"]);
        Assert.Equal(to is null ? null : MessageValue.Number(to.Value), line.Ground["to"]);
        Assert.Equal((decimal?)rate, line.RateKztPerKwh);
    }

    [Fact]
    public void An_unknown_band_rate_with_a_known_unmetered_rate_below_the_top_leaves_the_line_unverified_on_either_ground()
    {
        // Unmetered rate edited to 20 (< the top rate 25): the band's unknown rate could be higher, so nothing is assessed.
        var rules = With("fee.rate_unmetered", 1, "20");
        var unmetered = Row(EnergySource.Grid, 1000, 20_000, metered: false);

        var line = Assert.Single(FeeCalculator.Calculate(new Quarter(2023, 2), [unmetered], rules).Lines);

        Assert.Equal("fee.ground.either", line.Ground.Code);
        Assert.Null(line.RateKztPerKwh);
        // With the shipped rules the unmetered rate is the top of the scale: nothing exceeds it, the line is assessed.
        var shipped = FeeCalculator.Calculate(new Quarter(2023, 2), [unmetered], RuleSet.Default);
        var top = Assert.Single(shipped.Lines);
        Assert.Equal(("fee.ground.unmetered", 25m), (top.Ground.Code, top.RateKztPerKwh));
        Assert.Equal(25_000m, shipped.AmountKzt); // 1000 x 25
        // A metered row in the same band has one ground only: the band itself, unverified.
        var metered = Assert.Single(FeeCalculator.Calculate(new Quarter(2023, 2), [Row(EnergySource.Grid, 1000, 20_000)], rules).Lines);
        Assert.Equal(("fee.ground.band", null), (metered.Ground.Code, metered.RateKztPerKwh));
    }
}
