namespace Reporting.Web.Rendering;

/// <summary>The scripts a page with charts loads, in order: Chart.js, then the code that draws the page's charts.</summary>
public static class ChartScripts
{
    public static IReadOnlyList<string> All { get; } = ["chart.umd.js", "committee.js"];
}
