using System.Globalization;
using System.Xml;
using ExcelNumberFormat;

namespace Reporting.Excel.Reading;

/// <summary>
/// Which cell styles show a number as a date. Excel stores dates as numbers; only the style's number
/// format says a cell holds a date.
/// </summary>
internal sealed class StyleTable
{
    private readonly bool[] _isDate;

    private StyleTable(bool[] isDate) => _isDate = isDate;

    public static StyleTable Empty { get; } = new([]);

    public bool IsDate(int styleIndex) => styleIndex >= 0 && styleIndex < _isDate.Length && _isDate[styleIndex];

    public static StyleTable Read(Stream stream)
    {
        var customFormats = new Dictionary<int, string>();
        var styleFormats = new List<int>();
        using (var reader = XmlReader.Create(stream, XmlReading.Settings))
        {
            var inCellXfs = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
                {
                    inCellXfs = false;
                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element) continue;
                switch (reader.LocalName)
                {
                    case "numFmt":
                        if (int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                            customFormats[id] = reader.GetAttribute("formatCode") ?? "";
                        break;
                    case "cellXfs":
                        inCellXfs = !reader.IsEmptyElement;
                        break;
                    case "xf" when inCellXfs:
                        // Children (alignment, protection) are read past by the loop; they are not "xf".
                        styleFormats.Add(int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var formatId) ? formatId : 0);
                        break;
                }
            }
        }

        var isDate = new bool[styleFormats.Count];
        var cache = new Dictionary<int, bool>();
        for (var i = 0; i < styleFormats.Count; i++)
        {
            var formatId = styleFormats[i];
            if (!cache.TryGetValue(formatId, out var date))
            {
                date = customFormats.TryGetValue(formatId, out var code) && !string.IsNullOrEmpty(code) ? IsDateFormat(code) : IsBuiltInDateFormat(formatId);
                cache[formatId] = date;
            }

            isDate[i] = date;
        }

        return new StyleTable(isDate);
    }

    /// <summary>Built-in formats 14-22 and 45-47 are dates and times; 27-36 and 50-58 are East Asian dates.</summary>
    private static bool IsBuiltInDateFormat(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    private static bool IsDateFormat(string code)
    {
        if (string.IsNullOrWhiteSpace(code)) return false;
        try
        {
            var format = new NumberFormat(code);
            return format.IsValid && format.IsDateTimeFormat;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
