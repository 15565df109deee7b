using DocumentFormat.OpenXml.Drawing.Charts;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace Reporting.Excel.Writing;

/// <summary>A cell corner on a sheet: zero-based column and row, as DrawingML counts them.</summary>
public readonly record struct XlsxAnchor(int Column, int Row);

/// <summary>
/// A native chart placed on a sheet from the top-left corner of one cell to that of another. The chart is the Open XML
/// SDK's typed <see cref="ChartSpace"/>; its series should reference the sheet's cells (with cached values), so the
/// chart stays editable and restylable in Excel. <c>Name</c> is its name and alternative text.
/// </summary>
public sealed record XlsxChart(string Name, ChartSpace Chart, XlsxAnchor From, XlsxAnchor To);

/// <summary>The drawing part that places a sheet's charts (xl/drawings/drawingN.xml), built with the SDK's typed classes.</summary>
internal static class XlsxDrawingPart
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.drawing+xml";
    public const string ChartContentType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
    public const string DrawingRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
    public const string ChartRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";

    /// <summary>The drawing's XML; chart <c>i</c> is referenced as relationship <c>rId{i + 1}</c> of the drawing.</summary>
    public static string Xml(IReadOnlyList<XlsxChart> charts)
    {
        var drawing = new Xdr.WorksheetDrawing();
        drawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        drawing.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        drawing.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        for (var i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            drawing.Append(new Xdr.TwoCellAnchor(
                Marker<Xdr.FromMarker>(chart.From),
                Marker<Xdr.ToMarker>(chart.To),
                new Xdr.GraphicFrame(
                    new Xdr.NonVisualGraphicFrameProperties(
                        new Xdr.NonVisualDrawingProperties { Id = (uint)(i + 2), Name = chart.Name, Description = chart.Name },
                        new Xdr.NonVisualGraphicFrameDrawingProperties()),
                    new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                    new A.Graphic(new A.GraphicData(new ChartReference { Id = $"rId{i + 1}" }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
                { Macro = "" },
                new Xdr.ClientData())
            { EditAs = Xdr.EditAsValues.OneCell });
        }

        return Declaration + drawing.OuterXml;
    }

    public static string ChartXml(XlsxChart chart) => Declaration + chart.Chart.OuterXml;

    private const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";

    private static T Marker<T>(XlsxAnchor anchor) where T : Xdr.MarkerType, new()
    {
        var marker = new T();
        marker.Append(
            new Xdr.ColumnId(anchor.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Xdr.ColumnOffset("0"),
            new Xdr.RowId(anchor.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Xdr.RowOffset("0"));
        return marker;
    }
}
