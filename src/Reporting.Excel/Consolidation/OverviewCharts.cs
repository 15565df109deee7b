using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;

namespace Reporting.Excel.Consolidation;

/// <summary>The labels of a chart's categories: the cells they are in (a formula) and their text there (the cache).</summary>
internal sealed record ChartCategories(string Formula, IReadOnlyList<string> Labels);

/// <summary>
/// A series: its name's cell and text, its values' cells and numbers, and optionally its fill (RGB hex) or one fill per
/// point (a pie's slices: readers that colour slices themselves, LibreOffice among them, may otherwise draw none).
/// </summary>
internal sealed record ChartSeries(string NameFormula, string Name, string ValuesFormula, IReadOnlyList<decimal> Values, string? Fill = null,
    IReadOnlyList<string>? PointFills = null);

/// <summary>
/// The Overview's native charts, built with the Open XML SDK's typed DrawingML classes. Every series and category
/// references the sheet's cells and caches their values, so a reader that does not recalculate still draws them and
/// a committee member can restyle or extend them in Excel.
/// </summary>
internal static class OverviewCharts
{
    private const uint CategoryAxisId = 48_650_112;
    private const uint ValueAxisId = 48_672_768;

    public static ChartSpace Pie(string title, string language, ChartCategories categories, ChartSeries series, string format)
    {
        var pie = new PieChart(new VaryColors { Val = true }, Series(new PieChartSeries(), 0, series, categories, format), new FirstSliceAngle { Val = 0 });
        return Space(title, language, new PlotArea(new Layout(), pie), LegendPositionValues.Right);
    }

    /// <summary>Vertical bars; several series side by side, or stacked.</summary>
    public static ChartSpace Columns(string title, string language, ChartCategories categories, IReadOnlyList<ChartSeries> series, bool stacked, string valueFormat)
    {
        var bars = new BarChart(
            new BarDirection { Val = BarDirectionValues.Column },
            new BarGrouping { Val = stacked ? BarGroupingValues.Stacked : BarGroupingValues.Clustered },
            new VaryColors { Val = false });
        for (var i = 0; i < series.Count; i++) bars.Append(Series(new BarChartSeries(), (uint)i, series[i], categories, valueFormat));
        bars.Append(new GapWidth { Val = 80 });
        if (stacked) bars.Append(new Overlap { Val = 100 });
        bars.Append(new AxisId { Val = CategoryAxisId }, new AxisId { Val = ValueAxisId });
        var plot = new PlotArea(new Layout(), bars, CategoryAxis(), ValueAxis(valueFormat));
        return Space(title, language, plot, series.Count > 1 ? LegendPositionValues.Bottom : null);
    }

    private static ChartSpace Space(string title, string language, PlotArea plot, LegendPositionValues? legend)
    {
        var chart = new Chart(Title(title, language), new AutoTitleDeleted { Val = false }, plot);
        if (legend is { } position) chart.Append(new Legend(new LegendPosition { Val = position }, new Overlay { Val = false }));
        chart.Append(new PlotVisibleOnly { Val = true }, new DisplayBlanksAs { Val = DisplayBlanksAsValues.Gap });
        var space = new ChartSpace(new Date1904 { Val = false }, new EditingLanguage { Val = language }, new RoundedCorners { Val = false }, chart);
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        return space;
    }

    private static Title Title(string text, string language) => new(
        new ChartText(new RichText(
            new A.BodyProperties(),
            new A.ListStyle(),
            new A.Paragraph(
                new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = 1200, Bold = true }),
                new A.Run(new A.RunProperties { Language = language, FontSize = 1200, Bold = true }, new A.Text(text))))),
        new Overlay { Val = false });

    /// <summary>A series' elements in the schema's order: index, order, name, fill, (bars: invertIfNegative), categories, values.</summary>
    private static T Series<T>(T element, uint index, ChartSeries series, ChartCategories categories, string format) where T : OpenXmlCompositeElement
    {
        element.Append(new DocumentFormat.OpenXml.Drawing.Charts.Index { Val = index }, new Order { Val = index }, new SeriesText(Strings(series.NameFormula, [series.Name])));
        if (series.Fill is { } fill) element.Append(Fill(fill));
        if (element is BarChartSeries) element.Append(new InvertIfNegative { Val = false });
        for (var i = 0; i < (series.PointFills?.Count ?? 0); i++)
            element.Append(new DataPoint(new DocumentFormat.OpenXml.Drawing.Charts.Index { Val = (uint)i }, new Bubble3D { Val = false }, Fill(series.PointFills![i])));
        element.Append(new CategoryAxisData(Strings(categories.Formula, categories.Labels)), new Values(Numbers(series.ValuesFormula, series.Values, format)));
        return element;
    }

    private static ChartShapeProperties Fill(string rgb) => new(new A.SolidFill(new A.RgbColorModelHex { Val = rgb }));

    private static StringReference Strings(string formula, IReadOnlyList<string> texts)
    {
        var cache = new StringCache(new PointCount { Val = (uint)texts.Count });
        for (var i = 0; i < texts.Count; i++) cache.Append(new StringPoint(new NumericValue(texts[i])) { Index = (uint)i });
        return new StringReference(new Formula(formula), cache);
    }

    private static NumberReference Numbers(string formula, IReadOnlyList<decimal> values, string format)
    {
        var cache = new NumberingCache(new FormatCode(format), new PointCount { Val = (uint)values.Count });
        for (var i = 0; i < values.Count; i++)
            cache.Append(new NumericPoint(new NumericValue(values[i].ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
        return new NumberReference(new Formula(formula), cache);
    }

    private static CategoryAxis CategoryAxis() => new(
        new AxisId { Val = CategoryAxisId },
        new Scaling(new Orientation { Val = OrientationValues.MinMax }),
        new Delete { Val = false },
        new AxisPosition { Val = AxisPositionValues.Bottom },
        new NumberingFormat { FormatCode = "General", SourceLinked = true },
        new MajorTickMark { Val = TickMarkValues.Outside },
        new MinorTickMark { Val = TickMarkValues.None },
        new TickLabelPosition { Val = TickLabelPositionValues.NextTo },
        new CrossingAxis { Val = ValueAxisId },
        new Crosses { Val = CrossesValues.AutoZero },
        new AutoLabeled { Val = true },
        new LabelAlignment { Val = LabelAlignmentValues.Center },
        new LabelOffset { Val = 100 },
        new NoMultiLevelLabels { Val = false });

    private static ValueAxis ValueAxis(string format) => new(
        new AxisId { Val = ValueAxisId },
        new Scaling(new Orientation { Val = OrientationValues.MinMax }),
        new Delete { Val = false },
        new AxisPosition { Val = AxisPositionValues.Left },
        new MajorGridlines(),
        new NumberingFormat { FormatCode = format, SourceLinked = false },
        new MajorTickMark { Val = TickMarkValues.Outside },
        new MinorTickMark { Val = TickMarkValues.None },
        new TickLabelPosition { Val = TickLabelPositionValues.NextTo },
        new CrossingAxis { Val = CategoryAxisId },
        new Crosses { Val = CrossesValues.AutoZero },
        new CrossBetween { Val = CrossBetweenValues.Between });
}
