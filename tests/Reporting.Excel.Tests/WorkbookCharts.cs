using System.IO.Compression;
using System.Xml.Linq;

namespace Reporting.Excel.Tests;

/// <summary>A chart reference as a chart part holds it: the formula and the values cached beside it.</summary>
internal sealed record ChartReference(string Formula, IReadOnlyList<string> Cache);

internal sealed record ChartSeriesPart(ChartReference Name, ChartReference Categories, ChartReference Values);

internal sealed record ChartPart(string Path, string Kind, string Title, IReadOnlyList<ChartSeriesPart> Series);

/// <summary>
/// Reads the charts of a workbook's sheet from the raw package (zip and XML, no spreadsheet library): the sheet's
/// drawing relationship, the drawing's chart relationships, and each chart's title and series.
/// </summary>
internal static class WorkbookCharts
{
    private static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    private static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static XDocument Part(ZipArchive zip, string path)
    {
        using var stream = (zip.GetEntry(path) ?? throw new InvalidOperationException($"The package has no part {path}.")).Open();
        return XDocument.Load(stream);
    }

    /// <summary>The charts drawn on sheet <paramref name="sheetNumber"/> (1-based, as the package names its parts).</summary>
    public static IReadOnlyList<ChartPart> OfSheet(byte[] workbook, int sheetNumber)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook), ZipArchiveMode.Read);
        var sheet = Part(zip, $"xl/worksheets/sheet{sheetNumber}.xml");
        var drawingId = (string?)sheet.Root!.Element(Main + "drawing")?.Attribute(R + "id");
        if (drawingId is null) return [];
        var drawingPath = Resolve("xl/worksheets", Target(zip, $"xl/worksheets/_rels/sheet{sheetNumber}.xml.rels", drawingId));
        var drawing = Part(zip, drawingPath);
        var drawingRels = $"{Path.GetDirectoryName(drawingPath)}/_rels/{Path.GetFileName(drawingPath)}.rels";
        return drawing.Descendants(C + "chart")
            .Select(reference => Resolve(Path.GetDirectoryName(drawingPath)!, Target(zip, drawingRels, (string)reference.Attribute(R + "id")!)))
            .Select(path => Chart(path, Part(zip, path)))
            .ToArray();
    }

    private static ChartPart Chart(string path, XDocument chart)
    {
        var plot = chart.Descendants(C + "plotArea").Single();
        var kind = plot.Elements().Single(e => e.Name.LocalName.EndsWith("Chart", StringComparison.Ordinal)).Name.LocalName;
        var title = string.Concat(chart.Descendants(C + "title").Descendants(A + "t").Select(t => t.Value));
        var series = plot.Descendants(C + "ser").Select(s => new ChartSeriesPart(
            Reference(s.Element(C + "tx")!.Element(C + "strRef")!),
            Reference(s.Element(C + "cat")!.Elements().Single()),
            Reference(s.Element(C + "val")!.Elements().Single()))).ToArray();
        return new ChartPart(path, kind, title, series);
    }

    private static ChartReference Reference(XElement reference)
    {
        var cache = reference.Elements().Single(e => e.Name.LocalName.EndsWith("Cache", StringComparison.Ordinal));
        var points = cache.Elements(C + "pt").OrderBy(p => (int)p.Attribute("idx")!).Select(p => p.Element(C + "v")!.Value).ToArray();
        Assert.Equal(points.Length, (int)cache.Element(C + "ptCount")!.Attribute("val")!);
        return new ChartReference(reference.Element(C + "f")!.Value, points);
    }

    private static string Target(ZipArchive zip, string relationshipsPath, string id) =>
        (string)Part(zip, relationshipsPath).Root!.Elements(Relationships + "Relationship").Single(r => (string?)r.Attribute("Id") == id).Attribute("Target")!;

    /// <summary>A relationship's target ("../drawings/drawing1.xml") from the folder of the part that has it.</summary>
    private static string Resolve(string folder, string target)
    {
        var parts = folder.Split('/').ToList();
        foreach (var segment in target.Split('/'))
        {
            if (segment == "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(segment);
        }

        return string.Join('/', parts);
    }
}
