using System.Text.Json.Nodes;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Tests;

/// <summary>
/// The loader's limits, one value changed at a time in the shipped rules: the last value allowed is read as written,
/// the first one past it is refused with a message naming the parameter and entry.
/// </summary>
public sealed class RuleSetLoaderBoundaryTests
{
    /// <summary>The shipped rules with one field of one entry replaced (null JSON: the field removed).</summary>
    private static string Edited(string parameter, int entry, string field, string? json)
    {
        var root = JsonNode.Parse(RuleSet.DefaultText())!;
        var target = root["parameters"]![parameter]!["values"]![entry]!.AsObject();
        if (json is null) target.Remove(field);
        else target[field] = JsonNode.Parse(json);
        return root.ToJsonString();
    }

    private static RuleSet Load(string parameter, int entry, string field, string? json) => RuleSetLoader.Parse(Edited(parameter, entry, field, json), "edited");

    public static TheoryData<string, int, string, string?, string> Refused() => new()
    {
        { "fee.rounding", 0, "value", """{"decimals": -1, "mode": "half-even"}""", "needs decimals from 0 to 8" },
        { "fee.rounding", 0, "value", """{"decimals": 9, "mode": "half-even"}""", "needs decimals from 0 to 8" },
        { "fee.rounding", 0, "value", """{"decimals": "2", "mode": "half-even"}""", "needs decimals from 0 to 8" },
        { "fee.rounding", 0, "value", """{"decimals": 2, "mode": "up"}""", "mode must be half-away-from-zero or half-even" },
        { "fee.rounding", 0, "value", """{"decimals": 2}""", "mode must be half-away-from-zero or half-even" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": -1, "day": 20}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": 13, "day": 20}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": 1, "day": 0}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": 1, "day": 32}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": "1", "day": 20}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", """{"months_after_quarter": 1, "day": "20"}""", "needs months_after_quarter (0-12) and day (1-31)" },
        { "fee.payment_due", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "fee.rate_max", 1, "value", "-0.01", "'value' must be a number of at least 0, not -0.01" },
        { "fee.rate_max", 1, "value", "\"25\"", "'value' must be a number of at least 0, not \"25\"" },
        { "plausibility.max_load_factor", 0, "value", "0", "'value' must be greater than 0" },
        { "sale.share_min", 2, "value", "1.01", "'value' must be a share between 0 and 1, not 1.01" },
        { "quota.applies", 1, "value", "\"yes\"", "'value' must be true or false" },
        { "fee.multiple_grounds", 0, "value", "\"lowest\"", "'value' must be \"highest\"" },
        { "fee.rates", 0, "value", """{" grid": 1, "import": 1, "renewable": 1, "own-generation": 1, "off-grid": 1}""", "names an unknown source ' grid'" }, // a code, but not as written
        { "fee.rates", 0, "value", """{"Grid": 1, "import": 1, "renewable": 1, "own-generation": 1, "off-grid": 1}""", "names an unknown source 'Grid'" },
        { "fee.rates", 0, "value", """{"grid": "flat", "import": 1, "renewable": 1, "own-generation": 1, "off-grid": 1}""", "must be a number of at least 0" },
        { "fee.rates", 0, "value", "[1, 2]", "must map every source to a rate" },
        { "fee.price_bands", 1, "value", """[{"from_price": 24, "rate": 1}]""", "must have a band from price 0" },
        { "fee.price_bands", 1, "value", """[{"from_price": 0, "rate": 1}, {"from_price": 0, "rate": 2}]""", "has two bands from the same price" },
        { "fee.price_bands", 1, "value", """[{"from_price": 0}]""", "needs from_price and rate in every band" },
        { "fee.price_bands", 1, "value", "[]", "must be a list of {from_price, rate}" },
        { "fee.average_price_sources", 0, "value", """["grid", " import"]""", "names an unknown source \" import\"" },
        { "fee.average_price_sources", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "fee.rates", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "fee.multiple_grounds", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "fee.rounding", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "quota.applies", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "quota.counted_sources", 0, "value", "null", "'value' cannot be null for this parameter" },
        { "fee.price_bands", 1, "value", "{}", "must be a list of {from_price, rate}" },
        { "mci_kzt", 0, "status", "1", "'status' must be confirmed, likely or unverified, not 1" },
        { "mci_kzt", 0, "effective_from", "20220101", "'effective_from' must be a date written YYYY-MM-DD, not 20220101" },
        { "quota.counted_sources", 0, "value", "\"grid\"", "must be a list of sources" },
        { "liability.understatement_fine_share", 0, "value", "[0.15]", "must map names to shares" },
        { "mci_kzt", 1, "effective_from", "\"2022-01-01\"", "entry 2 (effective_from 2022-01-01): entries must be in increasing date order" }, // the same date as entry 1
        { "mci_kzt", 0, "effective_from", "\"2022-01-02\"", "entry 1 (effective_from 2022-01-02): the rules cover periods from 2022-01-01" },
        { "mci_kzt", 0, "effective_from", "\"2022-1-1\"", "'effective_from' must be a date written YYYY-MM-DD, not \"2022-1-1\"" },
        { "mci_kzt", 0, "effective_from", null, "'effective_from' must be a date written YYYY-MM-DD (it is missing)" },
        { "mci_kzt", 0, "value", null, "'value' is missing" },
        { "mci_kzt", 0, "status", null, "'status' must be confirmed, likely or unverified, not nothing" },
        { "mci_kzt", 0, "source", "42", "every value needs a 'source'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_value_past_its_limit_is_refused_naming_the_parameter(string parameter, int entry, string field, string? json, string expected)
    {
        var error = Assert.Throws<RulesException>(() => Load(parameter, entry, field, json));

        Assert.Contains($"parameter '{parameter}'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData(0, MidpointRounding.ToEven, "half-even")]
    [InlineData(8, MidpointRounding.AwayFromZero, "half-away-from-zero")]
    public void Rounding_takes_0_to_8_decimals_in_either_mode(int decimals, MidpointRounding mode, string code)
    {
        var rule = Load("fee.rounding", 0, "value", $$"""{"decimals": {{decimals}}, "mode": "{{code}}"}""").FeeRounding.At(new DateOnly(2025, 1, 1)).Value!;

        Assert.Equal(new RoundingRule(decimals, mode), rule);
        Assert.Equal(decimals == 0 ? 2m : 2.5m, rule.Apply(2.5m)); // 2.5 to even is 2; with 8 decimals it stays 2.5
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(12, 31)]
    public void Due_dates_take_0_to_12_months_after_the_quarter_and_days_1_to_31(int months, int day)
    {
        var rule = Load("fee.payment_due", 0, "value", $$"""{"months_after_quarter": {{months}}, "day": {{day}}}""").FeePaymentDue.At(new DateOnly(2022, 1, 1)).Value!;

        Assert.Equal(new DueDateRule(months, day), rule);
    }

    [Fact]
    public void Limits_themselves_are_allowed_a_zero_rate_a_share_of_one_and_a_first_entry_before_the_coverage()
    {
        var at2025 = new DateOnly(2025, 1, 1);
        Assert.Equal(0m, Load("fee.rate_max", 1, "value", "0").FeeRateMax.At(new DateOnly(2023, 1, 1)).Value);
        Assert.Equal(1m, Load("sale.share_min", 2, "value", "1").SaleShareMin.At(at2025).Value);
        Assert.Equal(0.01m, Load("plausibility.max_load_factor", 0, "value", "0.01").PlausibilityMaxLoadFactor.At(at2025).Value);
        Assert.Equal(0m, Load("liability.understatement_fine_share", 0, "value", """{"small": 0, "large": 1}""").UnderstatementFineShare.At(at2025).Value!["small"]);
        // Parameters that may be "not in force" take null.
        Assert.Null(Load("plausibility.max_load_factor", 0, "value", "null").PlausibilityMaxLoadFactor.At(at2025).Value);
        Assert.Null(Load("mci_kzt", 0, "value", "null").MciKzt.At(new DateOnly(2022, 1, 1)).Value);
        Assert.Null(Load("liability.understatement_fine_share", 0, "value", "null").UnderstatementFineShare.At(at2025).Value);
        var early = Load("mci_kzt", 0, "effective_from", "\"2021-12-01\"").MciKzt;
        Assert.Equal(3063m, early.At(new DateOnly(2021, 12, 1)).Value);
    }

    [Fact]
    public void Bands_are_kept_highest_first_whatever_order_they_are_written_in()
    {
        var bands = Load("fee.price_bands", 1, "value", """[{"from_price": 0, "rate": null}, {"from_price": 30, "rate": 3}, {"from_price": 24, "rate": 1}]""")
            .FeePriceBands.At(new DateOnly(2023, 1, 1)).Value!;

        Assert.Equal([new PriceBand(30, 3), new PriceBand(24, 1), new PriceBand(0, null)], bands);
    }

    [Fact]
    public void A_source_marked_band_takes_its_rate_from_the_price_band_and_the_others_are_fixed()
    {
        var rates = RuleSet.Default.FeeRates.At(new DateOnly(2023, 1, 1)).Value!;

        Assert.Equal(SourceRate.Band, rates[EnergySource.Grid]);
        Assert.Equal(SourceRate.Of(10), rates[EnergySource.OwnGeneration]);
        Assert.Equal(SourceRate.Of(1), rates[EnergySource.Renewable]);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_and_a_missing_title_reads_as_empty()
    {
        var root = JsonNode.Parse(RuleSet.DefaultText())!.AsObject();
        root.Remove("title");
        var text = root.ToJsonString();
        var relaxed = "// the rules\n" + text[..^1] + ",}";

        var rules = RuleSetLoader.Parse(relaxed, "relaxed");

        Assert.Equal("", rules.Title);
        Assert.Equal(new DateOnly(2022, 1, 1), rules.CoverageFrom);
        Assert.Equal("relaxed", rules.Origin);
        Assert.Equal("Kazakhstan digital mining: fee, grid quotas, mandatory sale on AIFC exchanges", RuleSetLoader.Parse(RuleSet.DefaultText(), "shipped").Title);
        root["title"] = 42;
        Assert.Equal("", RuleSetLoader.Parse(root.ToJsonString(), "numeric title").Title); // only a text is a title
    }

    [Fact]
    public void An_unknown_parameter_is_refused_listing_the_known_ones_in_order()
    {
        var root = JsonNode.Parse(RuleSet.DefaultText())!;
        root["parameters"]!["fee.rate_maximum"] = JsonNode.Parse(root["parameters"]!["fee.rate_max"]!.ToJsonString());

        var error = Assert.Throws<RulesException>(() => RuleSetLoader.Parse(root.ToJsonString(), "typo.json"));

        Assert.Contains("unknown parameter 'fee.rate_maximum' (a typo? known: fee.average_price_sources, fee.declaration_due, fee.multiple_grounds,", error.Message);
    }

    [Theory]
    [InlineData("""{"coverage_from": "2022-01-01", "parameters": {}}""", "'schema' must be \"reporting-rules/1\", not nothing")]
    [InlineData("""{"schema": "reporting-rules/1", "coverage_from": "2022-01-01"}""", "has no 'parameters' object")]
    [InlineData("""{"schema": "reporting-rules/1", "coverage_from": "2022-01-01", "parameters": []}""", "has no 'parameters' object")]
    [InlineData("""{"schema": "reporting-rules/1", "parameters": {}}""", "'coverage_from' must be a date written YYYY-MM-DD (it is missing)")]
    [InlineData("""{"schema": "reporting-rules/1", "coverage_from": "2022-01-01", "parameters": {"fee.rates": {"values": []}}}""", "parameter 'fee.rates' needs a non-empty 'values' list")]
    [InlineData("""{"schema": "reporting-rules/1", "coverage_from": "2022-01-01", "parameters": {"fee.rates": {"values": {}}}}""", "parameter 'fee.rates' needs a non-empty 'values' list")]
    public void A_file_without_its_frame_is_refused(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<RulesException>(() => RuleSetLoader.Parse(json, "frame.json")).Message);
}
