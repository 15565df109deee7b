namespace Reporting.Domain.Text;

/// <summary>
/// CLDR plural categories for whole numbers in our languages. Russian has one / few / many ("1 ошибка,
/// 2 ошибки, 5 ошибок"); Kazakh keeps the noun singular after a numeral, and English has one / other.
/// </summary>
public static class PluralRules
{
    public static string Category(Language language, decimal value)
    {
        if (value != decimal.Truncate(value)) return "other";
        var n = (long)Math.Abs(value);
        return language switch
        {
            Language.Ru => (n % 10, n % 100) switch
            {
                (1, not 11) => "one",
                ( >= 2 and <= 4, not (>= 12 and <= 14)) => "few",
                _ => "many",
            },
            _ => n == 1 ? "one" : "other",
        };
    }
}
