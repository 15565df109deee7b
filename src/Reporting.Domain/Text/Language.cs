namespace Reporting.Domain.Text;

/// <summary>
/// The languages every word a person reads comes in: Kazakh (the state language), Russian (the working
/// language of most filers and of the committee's staff) and English. Codes are ISO 639-1 ("kk", "ru", "en").
/// </summary>
public enum Language
{
    Kk,
    Ru,
    En,
}

public static class Languages
{
    public static IReadOnlyList<Language> All { get; } = Enum.GetValues<Language>();

    /// <summary>
    /// A language tag as browsers and settings give it ("ru", "ru-KZ", "kk_KZ.UTF-8", "EN"): its primary subtag.
    /// </summary>
    public static bool TryParse(string? tag, out Language language)
    {
        language = default;
        if (string.IsNullOrWhiteSpace(tag)) return false;
        var primary = tag.Trim().Split('-', '_', '.', ';')[0];
        return EnumCodes.TryParse(primary, out language);
    }

    /// <summary>
    /// The first supported language of an HTTP Accept-Language header, by quality then order ("kk-KZ,ru;q=0.9,en;q=0.8").
    /// </summary>
    public static Language? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var candidates = new List<(Language Language, double Quality, int Order)>();
        var order = 0;
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(parameter[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            if (quality > 0 && TryParse(pieces[0], out var language)) candidates.Add((language, quality, order));
            order++;
        }

        return candidates.Count == 0 ? null : candidates.OrderByDescending(c => c.Quality).ThenBy(c => c.Order).First().Language;
    }
}
