using System.Text;

namespace Reporting.Excel.Reading;

/// <summary>
/// How headers, labels, sheet names and listed values are compared: letter case, surrounding and repeated
/// spaces (including non-breaking ones and line breaks), a trailing colon, a trailing unit in brackets, the
/// middle dot of units (кВт·ч, кВт∙ч, кВт*ч, кВтч are one) and Russian «ё» against «е» are ignored, so
/// "kWh (kilowatt-hours)", " KWH " and "kWh:" all mean "kwh".
/// </summary>
public static class HeaderName
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00a0')
            {
                space = builder.Length > 0;
                continue;
            }

            if (c is '·' or '∙' or '⋅' or '*') continue;
            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c) switch { 'ё' => 'е', var lower => lower });
        }

        var normalized = builder.ToString().TrimEnd(':', ' ');
        // A trailing unit in brackets: "kwh (kilowatt-hours)", "cost [kzt]".
        while (normalized.Length > 0 && normalized[^1] is ')' or ']')
        {
            var open = normalized.LastIndexOf(normalized[^1] == ')' ? '(' : '[');
            if (open <= 0) break;
            normalized = normalized[..open].TrimEnd(':', ' ');
        }

        return normalized;
    }
}
