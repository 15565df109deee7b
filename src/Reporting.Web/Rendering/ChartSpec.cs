using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Web.Rendering;

/// <summary>One series of a chart: its label (in the reader's language), its values, and the axis it is drawn against.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<decimal?> Data, string Axis = "y");

/// <summary>
/// What committee.js needs to draw one Chart.js chart: type ("bar", "line", "doughnut"), category labels and series.
/// Written into a canvas's data-chart attribute (the CSP allows no inline script); the table beside the chart shows the
/// same figures, formatted for the reader. <c>Percent</c> marks values that are shares (drawn 0–100).
/// </summary>
public sealed record ChartSpec(string Type, string Title, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series, bool Stacked = false, bool Percent = false)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    [JsonIgnore]
    public string Json => JsonSerializer.Serialize(this, Options);
}
