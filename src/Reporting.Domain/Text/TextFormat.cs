using System.Globalization;
using Reporting.Domain.Periods;

namespace Reporting.Domain.Text;

/// <summary>
/// How numbers, dates and periods are written for people in each language (glossary §0): Kazakh and Russian
/// group thousands with a no-break space and use a decimal comma (1 234 567,89), dates as dd.MM.yyyy; English
/// groups with commas and writes ISO dates. Set out here rather than taken from the machine's ICU data, so
/// every host writes the same text. Machine outputs (JSON, CSV, storage) never use this.
/// </summary>
public sealed class TextFormat
{
    private const string NoBreakSpace = "\u00A0";

    private static readonly string[] RussianMonths =
        ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

    private static readonly string[] KazakhMonths =
        ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];

    private static readonly string[] RomanQuarters = ["I", "II", "III", "IV"];

    private readonly NumberFormatInfo _numbers;

    private TextFormat(Language language)
    {
        Language = language;
        _numbers = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        if (language != Language.En)
        {
            _numbers.NumberGroupSeparator = NoBreakSpace;
            _numbers.NumberDecimalSeparator = ",";
        }

        _numbers.NegativeSign = "-";
    }

    public static TextFormat For(Language language) => language switch
    {
        Language.Kk => Kazakh,
        Language.Ru => Russian,
        _ => English,
    };

    private static readonly TextFormat Kazakh = new(Language.Kk);
    private static readonly TextFormat Russian = new(Language.Ru);
    private static readonly TextFormat English = new(Language.En);

    public Language Language { get; }

    /// <summary>Grouped, with at most <paramref name="maxDecimals"/> decimals (trailing zeros dropped).</summary>
    public string Number(decimal value, int maxDecimals = 8) =>
        Math.Round(value, maxDecimals, MidpointRounding.AwayFromZero).ToString("#,##0." + new string('#', maxDecimals), _numbers).TrimEnd('.', ',');

    public string Integer(long value) => value.ToString("#,##0", _numbers);

    public string Kwh(decimal value) => Number(value, 3);

    /// <summary>Tenge with exactly two decimals (tiyn).</summary>
    public string Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", _numbers);

    public string Quantity(decimal value) => Number(value, 8);

    /// <summary>0.805 is "80.5%" (en), "80,5 %" (ru, no-break space), "80,5%" (kk, as CLDR writes it).</summary>
    public string Share(decimal share) => Number(share * 100, 2) + (Language == Language.Ru ? NoBreakSpace + "%" : "%");

    public string Date(DateOnly date) =>
        Language == Language.En ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant in Kazakhstan time, to the minute.</summary>
    public string Instant(DateTimeOffset instant)
    {
        var local = KazakhstanTime.ToLocal(instant);
        return Language == Language.En
            ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"March 2025", "март 2025 г.", "2025 ж. наурыз".</summary>
    public string Month(Month month) => Language switch
    {
        Language.Ru => $"{RussianMonths[month.Number - 1]} {month.Year.ToString(CultureInfo.InvariantCulture)}{NoBreakSpace}г.",
        Language.Kk => $"{month.Year.ToString(CultureInfo.InvariantCulture)}{NoBreakSpace}ж. {KazakhMonths[month.Number - 1]}",
        _ => new DateTime(month.Year, month.Number, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    /// <summary>"Q1 2025", "I квартал 2025 г.", "2025 ж. 1-тоқсан".</summary>
    public string Quarter(Quarter quarter) => Language switch
    {
        Language.Ru => $"{RomanQuarters[quarter.Number - 1]} квартал {quarter.Year.ToString(CultureInfo.InvariantCulture)}{NoBreakSpace}г.",
        Language.Kk => $"{quarter.Year.ToString(CultureInfo.InvariantCulture)}{NoBreakSpace}ж. {quarter.Number.ToString(CultureInfo.InvariantCulture)}-тоқсан",
        _ => $"Q{quarter.Number.ToString(CultureInfo.InvariantCulture)} {quarter.Year.ToString(CultureInfo.InvariantCulture)}",
    };
}
