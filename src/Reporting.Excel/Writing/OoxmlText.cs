using System.Text;

namespace Reporting.Excel.Writing;

/// <summary>Text as a SpreadsheetML part holds it: XML-escaped, with characters XML cannot carry written as _xHHHH_.</summary>
internal static class OoxmlText
{
    public static string Escape(string text)
    {
        if (!NeedsWork(text)) return text;
        var x = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': x.Append("&lt;"); break;
                case '>': x.Append("&gt;"); break;
                case '&': x.Append("&amp;"); break;
                case '"': x.Append("&quot;"); break;
                // A literal "_xHHHH_" in the text must not be read back as an escape: its underscore is escaped itself.
                case '_' when IsEscapeAt(text, i): x.Append("_x005F_"); break;
                case < ' ' when c is not ('\t' or '\n'): // a carriage return too: readers would turn it into a new line
                case '\uFFFE' or '\uFFFF':
                    x.Append("_x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
                    break;
                default:
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
                        x.Append("_x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_'); // a lone surrogate
                    else x.Append(c);
                    break;
            }
        }

        return x.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c is '<' or '>' or '&' or '"' or '_' or < ' ' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c)) return true;
        }

        return false;
    }

    private static bool IsEscapeAt(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_' &&
        char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3]) && char.IsAsciiHexDigit(text[i + 4]) && char.IsAsciiHexDigit(text[i + 5]);
}
