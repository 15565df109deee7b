using Reporting.Domain.Text;

namespace Reporting.Domain.Tests.Text;

/// <summary>The catalogue's template syntax: placeholders, ICU-style plurals with #, and escaped braces.</summary>
public sealed class TemplateTests
{
    private static string Render(string template, Language language, params (string Name, MessageValue Value)[] values)
    {
        var words = MessageCatalog.Default.In(language);
        return Template.Parse(template).Render(name => values.FirstOrDefault(v => v.Name == name).Value, words.Value, language);
    }

    [Fact]
    public void Placeholders_are_replaced_by_their_values_in_the_readers_format() =>
        Assert.Equal("Cell D2: 1 250,5 kWh", Render("Cell {cell}: {kwh} kWh", Language.Ru, ("cell", "D2"), ("kwh", MessageValue.Kwh(1250.5m))).Replace('\u00A0', ' '));

    [Theory]
    [InlineData(1, "1 ошибку")]
    [InlineData(3, "3 ошибки")]
    [InlineData(25, "25 ошибок")]
    public void A_plural_picks_the_branch_of_the_number_and_hash_is_the_number(int count, string expected) =>
        Assert.Equal($"исправить {expected}.", Render("исправить {n, plural, one {# ошибку} few {# ошибки} many {# ошибок} other {# ошибки}}.", Language.Ru, ("n", count)));

    [Fact]
    public void A_plural_without_the_category_falls_back_to_other() =>
        Assert.Equal("2 items", Render("{n, plural, one {# item} other {# items}}", Language.Ru, ("n", 2)));

    [Theory]
    [InlineData(0, "no month")]
    [InlineData(1, "; 1 месяц")]
    [InlineData(21, "; 21 месяц")]
    [InlineData(2, "; 2 месяца")]
    public void An_exact_branch_wins_over_the_category_of_the_number(int count, string expected) =>
        Assert.Equal(expected, Render("{n, plural, =0 {no month} one {; # месяц} few {; # месяца} other {; # месяцев}}", Language.Ru, ("n", count)));

    [Fact]
    public void Doubled_braces_are_literal_braces() =>
        Assert.Equal("{x} = 5", Render("{{x}} = {x}", Language.En, ("x", 5)));

    [Fact]
    public void Placeholders_are_found_in_plural_branches_too() =>
        Assert.Equal(new HashSet<string> { "n", "sheet", "cell" }, Template.Parse("{n, plural, one {# in {sheet}} other {# in {cell}}}").Placeholders);

    [Theory]
    [InlineData("{unclosed")]
    [InlineData("unbalanced }")]
    [InlineData("{n, select, a {x} other {y}}")]
    [InlineData("{n, plural, one {x}}")]
    [InlineData("{bad name}")]
    public void Malformed_templates_are_refused(string template) => Assert.Throws<FormatException>(() => Template.Parse(template));

    [Fact]
    public void A_message_names_exactly_the_values_its_code_declares()
    {
        var code = new MessageCode("test-code", "a", "b");

        Assert.Equal(["a", "b"], code.With(("b", 2), ("a", 1)).Arguments.Select(a => a.Key).Order());
        var missing = Assert.Throws<ArgumentException>(() => code.With(("a", 1)));
        Assert.Contains("[a, b]", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => code.With(("a", 1), ("b", 2), ("c", 3)));
        Assert.Throws<ArgumentException>(() => code.With(("a", 1), ("c", 3)));
    }

    [Fact]
    public void A_stored_message_reads_back_equal_with_every_kind_of_value()
    {
        var nested = new TextKey("fee.ground.source", "source").With(("source", Terms.Term(Reports.EnergySource.Grid)));
        var message = Message.Restore("quota-exceeded", "variant", new Dictionary<string, MessageValue>
        {
            ["text"] = "«Қазақ» \"quoted\"",
            ["kwh"] = MessageValue.Kwh(1234.125m),
            ["money"] = MessageValue.Money(10.5m),
            ["share"] = MessageValue.Share(0.8m),
            ["date"] = MessageValue.Date(new DateOnly(2025, 3, 1)),
            ["instant"] = MessageValue.Instant(new DateTimeOffset(2025, 3, 10, 18, 59, 59, TimeSpan.Zero)),
            ["month"] = MessageValue.Month(new Periods.Month(2025, 3)),
            ["quarter"] = MessageValue.Quarter(new Periods.Quarter(2025, 1)),
            ["list"] = MessageValue.Texts(["a", "b"]),
            ["nested"] = MessageValue.Nested(nested),
            ["term"] = Terms.Term(Reports.ReportKind.Sales),
        });

        var read = MessageJson.Deserialize(MessageJson.Serialize(message));

        Assert.Equal(message, read);
        Assert.Equal(MessageJson.Serialize(message), MessageJson.Serialize(read));
    }
}
