using Reporting.Domain.Periods;
using Reporting.Domain.Text;

namespace Reporting.Domain.Tests.Text;

/// <summary>Numbers, dates and periods as each language writes them (glossary §0), independent of the machine's culture.</summary>
public sealed class TextFormatTests
{
    private const string Nbsp = "\u00A0";

    [Theory]
    [InlineData(Language.Ru, "1" + Nbsp + "234" + Nbsp + "567,89")]
    [InlineData(Language.Kk, "1" + Nbsp + "234" + Nbsp + "567,89")]
    [InlineData(Language.En, "1,234,567.89")]
    public void Money_has_two_decimals_and_the_languages_separators(Language language, string expected) =>
        Assert.Equal(expected, TextFormat.For(language).Money(1_234_567.885m));

    [Theory]
    [InlineData(Language.Ru, 1250.5, "1" + Nbsp + "250,5")]
    [InlineData(Language.En, 1250.5, "1,250.5")]
    [InlineData(Language.En, 1250, "1,250")]
    [InlineData(Language.En, 0.0004, "0")]
    [InlineData(Language.En, -12.3456, "-12.346")]
    public void Kwh_keeps_up_to_three_decimals_and_drops_trailing_zeros(Language language, double kwh, string expected) =>
        Assert.Equal(expected, TextFormat.For(language).Kwh((decimal)kwh));

    [Theory]
    [InlineData(Language.En, "80.5%")]
    [InlineData(Language.Ru, "80,5" + Nbsp + "%")]
    [InlineData(Language.Kk, "80,5%")]
    public void A_share_is_a_percentage(Language language, string expected) => Assert.Equal(expected, TextFormat.For(language).Share(0.805m));

    [Theory]
    [InlineData(Language.En, "2025-03-07")]
    [InlineData(Language.Ru, "07.03.2025")]
    [InlineData(Language.Kk, "07.03.2025")]
    public void Dates_are_iso_in_english_and_day_month_year_otherwise(Language language, string expected) =>
        Assert.Equal(expected, TextFormat.For(language).Date(new DateOnly(2025, 3, 7)));

    [Theory]
    [InlineData(Language.En, "March 2025", "Q1 2025")]
    [InlineData(Language.Ru, "март 2025" + Nbsp + "г.", "I квартал 2025" + Nbsp + "г.")]
    [InlineData(Language.Kk, "2025" + Nbsp + "ж. наурыз", "2025" + Nbsp + "ж. 1-тоқсан")]
    public void Months_and_quarters_are_named_as_each_language_names_them(Language language, string month, string quarter)
    {
        Assert.Equal(month, TextFormat.For(language).Month(new Month(2025, 3)));
        Assert.Equal(quarter, TextFormat.For(language).Quarter(new Quarter(2025, 1)));
    }

    [Fact]
    public void An_instant_is_shown_in_kazakhstan_time_which_was_utc_plus_6_before_march_2024_and_is_plus_5_since()
    {
        Assert.Equal("2024-02-29 18:30", TextFormat.For(Language.En).Instant(new DateTimeOffset(2024, 2, 29, 12, 30, 0, TimeSpan.Zero)));
        Assert.Equal("01.03.2024 17:30", TextFormat.For(Language.Ru).Instant(new DateTimeOffset(2024, 3, 1, 12, 30, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(1, "one")]
    [InlineData(2, "few")]
    [InlineData(4, "few")]
    [InlineData(5, "many")]
    [InlineData(11, "many")]
    [InlineData(12, "many")]
    [InlineData(14, "many")]
    [InlineData(21, "one")]
    [InlineData(22, "few")]
    [InlineData(111, "many")]
    [InlineData(0, "many")]
    public void Russian_plural_categories_follow_cldr(int n, string expected) => Assert.Equal(expected, PluralRules.Category(Language.Ru, n));

    [Theory]
    [InlineData(Language.En, 1, "one")]
    [InlineData(Language.En, 2, "other")]
    [InlineData(Language.Kk, 1, "one")]
    [InlineData(Language.Kk, 7, "other")]
    [InlineData(Language.Ru, 1.5, "other")]
    public void Other_languages_have_one_and_other(Language language, double n, string expected) => Assert.Equal(expected, PluralRules.Category(language, (decimal)n));

    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en-US;q=0.8", Language.Ru)]
    [InlineData("en-US,en;q=0.9", Language.En)]
    [InlineData("de-DE,kk;q=0.5,ru;q=0.4", Language.Kk)]
    [InlineData("ru;q=0.3, kk-KZ", Language.Kk)]
    [InlineData("kk;q=0, en", Language.En)]
    public void The_accept_language_header_gives_the_first_supported_language_by_quality(string header, Language expected) =>
        Assert.Equal(expected, Languages.FromAcceptLanguage(header));

    [Theory]
    [InlineData("")]
    [InlineData("de, fr;q=0.8")]
    [InlineData(null)]
    public void No_supported_language_in_the_header_is_none(string? header) => Assert.Null(Languages.FromAcceptLanguage(header));
}
