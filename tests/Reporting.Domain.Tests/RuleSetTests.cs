using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Tests;

public sealed class RuleSetTests
{
    [Fact]
    public void The_shipped_rules_are_versioned_by_the_SHA256_of_the_file_in_the_repository()
    {
        // Hashed here from the file as checked out (LF line endings), not by the loader: the version names this content.
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ShippedRules", "kz-digital-mining.rules.json")).ReplaceLineEndings("\n");
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

        Assert.Equal("rules-" + hash[..12], RuleSet.Default.Version);
        Assert.Equal(new DateOnly(2022, 1, 1), RuleSet.Default.CoverageFrom);
    }

    [Theory]
    [InlineData("abc", "rules-ba7816bf8f01")]   // FIPS 180-2 test vector: SHA-256("abc") = ba7816bf8f01cfea...
    [InlineData("a\nb", "rules-7e18f737311b")] // sha256sum of the bytes 61 0a 62
    [InlineData("a\r\nb", "rules-7e18f737311b")] // CRLF read as LF: a checkout on Windows has the same version
    public void The_version_is_the_first_12_hex_digits_of_the_SHA256_with_line_endings_normalised(string text, string version)
    {
        Assert.Equal(version, RuleSetLoader.VersionOf(text));
    }

    [Theory]
    [InlineData("2022-01-01", 1)]
    [InlineData("2023-12-31", null)]
    [InlineData("2024-01-01", 2)]
    [InlineData("2025-07-01", 2)]
    [InlineData("2026-01-01", 2)]
    public void Lookup_takes_the_latest_value_on_or_before_the_date(string date, int? gridRate)
    {
        var entry = RuleSet.Default.FeeRates.At(DateOnly.Parse(date));

        Assert.Equal(gridRate, (int?)entry.Value![EnergySource.Grid].Fixed);
        Assert.Equal(gridRate is null, entry.Value[EnergySource.Grid].Banded);
    }

    [Fact]
    public void The_2025_sale_share_is_the_source_articles_80_percent_with_the_press_75_percent_in_its_note()
    {
        var entry = RuleSet.Default.SaleShareMin.At(new DateOnly(2025, 1, 1));

        Assert.Equal(0.80m, entry.Value);
        Assert.Equal(RuleStatus.Unverified, entry.Status);
        Assert.Contains("75 %", entry.Source);
        Assert.Equal(0.50m, RuleSet.Default.SaleShareMin.At(new DateOnly(2024, 12, 31)).Value);
        Assert.Null(RuleSet.Default.SaleShareMin.At(new DateOnly(2023, 12, 31)).Value);
    }

    [Fact]
    public void The_2023_band_below_24_has_no_rate()
    {
        var bands = RuleSet.Default.FeePriceBands.At(new DateOnly(2023, 4, 1)).Value!;

        Assert.Equal(1m, bands.Single(b => b.FromPrice == 24).Rate);
        Assert.Null(bands.Single(b => b.FromPrice == 0).Rate);
    }

    [Fact]
    public void Quota_checks_start_in_July_2023()
    {
        Assert.False(RuleSet.Default.QuotaApplies.At(new DateOnly(2023, 6, 1)).Value);
        Assert.True(RuleSet.Default.QuotaApplies.At(new DateOnly(2023, 7, 1)).Value);
    }

    [Fact]
    public void A_period_before_the_rules_coverage_is_refused()
    {
        var error = Assert.Throws<RulesException>(() => RuleSet.Default.FeeRates.At(new DateOnly(2021, 12, 1)));

        Assert.Contains("fee.rates", error.Message);
    }

    [Fact]
    public void Editing_only_the_rules_data_changes_the_result_and_the_version()
    {
        // Case 034: 0.7999 of BTC sold in 2025 is below the shipped 0.80 but above the press's 0.75.
        var golden = GoldenCase.Load("034-2025-q3-sale-07999-below.json");
        var shipped = QuarterAssessor.Assess(golden.Input(), RuleSet.Default);
        var edited = Edit(json => json["parameters"]!["sale.share_min"]!["values"]![2]!["value"] = 0.75m);

        var result = QuarterAssessor.Assess(golden.Input(), edited);

        Assert.Equal(SaleStatus.BelowMinimum, shipped.Sale.Status);
        Assert.Equal(SaleStatus.Compliant, result.Sale.Status);
        Assert.DoesNotContain(result.Violations, v => v.Code == ViolationCodes.SaleShareBelowMinimum);
        Assert.NotEqual(RuleSet.Default.Version, edited.Version);
        Assert.Equal(edited.Version, result.RuleVersion);
    }

    [Fact]
    public void Giving_the_unverified_band_a_rate_turns_rate_unverified_into_a_fee()
    {
        var golden = GoldenCase.Load("004-2023-q2-average-23.99-unverified.json");
        var edited = Edit(json => json["parameters"]!["fee.price_bands"]!["values"]![1]!["value"]![1]!["rate"] = 5);

        var shipped = QuarterAssessor.Assess(golden.Input(), RuleSet.Default);
        var result = QuarterAssessor.Assess(golden.Input(), edited);

        Assert.Equal(FeeStatus.RateUnverified, shipped.Fee.Status);
        Assert.Null(shipped.Fee.AmountKzt);
        Assert.Equal(FeeStatus.Assessed, result.Fee.Status);
        Assert.Equal(150_000_000.00m, result.Fee.AmountKzt); // 30,000,000 grid kWh (case 004) x 5
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { """{"schema":"other"}""", "'schema'" },
        { "{not json", "not valid JSON" },
        { Without("fee.rates"), "parameter 'fee.rates' is missing" },
        { Replace("\"effective_from\": \"2022-01-01\",\n          \"value\": { \"grid\": 1", "\"effective_from\": \"2022-03-01\",\n          \"value\": { \"grid\": 1"), "parameter 'fee.rates', entry 1 (effective_from 2022-03-01): the rules cover periods from 2022-01-01" },
        { Replace("\"effective_from\": \"2024-01-01\",\n          \"value\": { \"grid\": 2", "\"effective_from\": \"2022-06-01\",\n          \"value\": { \"grid\": 2"), "parameter 'fee.rates', entry 3 (effective_from 2022-06-01): entries must be in increasing date order" },
        { Replace("\"status\": \"likely\",\n          \"source\": \"Law 45-VIII", "\"status\": \"probably\",\n          \"source\": \"Law 45-VIII"), "entry 3 (effective_from 2024-01-01): 'status' must be confirmed, likely or unverified" },
        { Replace("{ \"grid\": 2, \"import\": 2, \"renewable\": 1, \"own-generation\": 2, \"off-grid\": 1 },\n          \"status\": \"likely\"", "{ \"grid\": 2, \"import\": 2, \"renewable\": 1, \"own-generation\": 2 },\n          \"status\": \"likely\""), "entry 3 (effective_from 2024-01-01): 'value' has no rate for off-grid" },
        { Replace("\"value\": 0.80", "\"value\": 80"), "parameter 'sale.share_min', entry 3 (effective_from 2025-01-01): 'value' must be a share between 0 and 1" },
        { Replace("\"quota.counted_sources\"", "\"quota.countedsources\""), "parameter 'quota.counted_sources' is missing" },
        { Replace("\"schema\": \"reporting-rules/1\",", "\"schema\": \"reporting-rules/1\", \"x\": 1,").Replace("\"mci_kzt\": {", "\"mci_kzt_typo\": { \"values\": [] }, \"mci_kzt\": {", StringComparison.Ordinal), "unknown parameter 'mci_kzt_typo'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_or_gapped_rules_fail_with_a_message_naming_the_entry(string json, string expected)
    {
        var error = Assert.Throws<RulesException>(() => RuleSetLoader.Parse(json, "test.json"));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_entry_without_a_source_is_refused()
    {
        var json = JsonNode.Parse(RuleSet.DefaultText())!;
        json["parameters"]!["quota.applies"]!["values"]![1]!["source"] = " ";

        var error = Assert.Throws<RulesException>(() => RuleSetLoader.Parse(json.ToJsonString(), "test.json"));

        Assert.Contains("parameter 'quota.applies', entry 2 (effective_from 2023-07-01): every value needs a 'source'", error.Message);
    }

    private static RuleSet Edit(Action<JsonNode> change)
    {
        var json = JsonNode.Parse(RuleSet.DefaultText())!;
        change(json);
        return RuleSetLoader.Parse(json.ToJsonString(), "edited");
    }

    private static string Replace(string from, string to)
    {
        var text = RuleSet.DefaultText();
        Assert.Contains(from, text);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static string Without(string parameter)
    {
        var json = JsonNode.Parse(RuleSet.DefaultText())!;
        json["parameters"]!.AsObject().Remove(parameter);
        return json.ToJsonString();
    }
}
