using System.Text.Json;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Tests;

/// <summary>
/// Every golden case (inputs and an independently computed expected result, Golden/cases/*.json) against
/// the engine with the shipped rules.
/// </summary>
public sealed class GoldenCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenCase.Names()) data.Add(name);
        return data;
    }

    [Fact]
    public void There_are_golden_cases() => Assert.True(GoldenCase.Names().Count() >= 40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Assessment_matches_the_golden_case(string name)
    {
        var golden = GoldenCase.Load(name);
        var expected = golden.Expected;

        var result = QuarterAssessor.Assess(golden.Input(), RuleSet.Default);

        Assert.Equal(GoldenCase.Dec(expected.GetProperty("kwh_total")), result.KwhTotal);
        foreach (var source in EnergySources.All)
            Assert.Equal(GoldenCase.Dec(expected.GetProperty("kwh_by_source").GetProperty(source.Code())), result.KwhBySource[source]);
        Assert.Equal(GoldenCase.NullableDec(expected.GetProperty("average_price_kzt")),
            result.Fee.AveragePriceKzt is { } average ? Math.Round(average, 2, MidpointRounding.AwayFromZero) : null);
        Assert.Equal(expected.GetProperty("fee_status").GetString(), result.Fee.Status == FeeStatus.Assessed ? "assessed" : "rate-unverified");
        Assert.Equal(GoldenCase.NullableDec(expected.GetProperty("fee_kzt")), result.Fee.AmountKzt);
        Assert.Equal(NullableDate(expected.GetProperty("declaration_due")), result.Fee.DeclarationDue);
        Assert.Equal(NullableDate(expected.GetProperty("payment_due")), result.Fee.PaymentDue);
        Assert.Equal(expected.GetProperty("quota_status").GetString(), Kebab(result.Quota.Status));
        Assert.Equal(GoldenCase.NullableDec(expected.GetProperty("required_sale_share")), result.Sale.RequiredShare);
        Assert.Equal(expected.GetProperty("sale_status").GetString(), Kebab(result.Sale.Status));
        Assert.Equal(RuleSet.Default.Version, result.RuleVersion);

        var expectedViolations = expected.GetProperty("violations").EnumerateArray().ToArray();
        Assert.Equal(
            expectedViolations.Select(v => Key(v.GetProperty("code").GetString()!, v.GetProperty("severity").GetString()!, v.GetProperty("period").GetString()!, Subject(v))).Order(),
            result.Violations.Select(v => Key(v.Code, v.Severity == Severity.Error ? "error" : "warning", v.Period, v.Subject)).Order());
        foreach (var violation in expectedViolations)
        {
            var actual = result.Violations.First(v => v.Code == violation.GetProperty("code").GetString() && v.Period == violation.GetProperty("period").GetString() && v.Subject == Subject(violation));
            Assert.False(string.IsNullOrWhiteSpace(Domain.Text.MessageCatalog.Default.In(Domain.Text.Language.En).Render(actual.Message)));
            Assert.False(string.IsNullOrWhiteSpace(actual.RuleReference));
            foreach (var figure in violation.GetProperty("figures").EnumerateObject())
            {
                Assert.True(actual.FigureValue(figure.Name) is not null, $"{actual.Code} {actual.Period} has no figure {figure.Name}");
                Assert.Equal(GoldenCase.Dec(figure.Value), actual.FigureValue(figure.Name));
            }
        }
    }

    private static string Key(string code, string severity, string period, string? subject) => $"{code}|{severity}|{period}|{subject}";

    private static string? Subject(JsonElement violation) =>
        violation.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;

    private static DateOnly? NullableDate(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : GoldenCase.Date(value);

    private static string Kebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
