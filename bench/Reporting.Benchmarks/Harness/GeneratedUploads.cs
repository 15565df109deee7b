using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Samples;

namespace Reporting.Benchmarks.Harness;

/// <summary>A miner's file as it would be uploaded: its blob name, bytes and what it holds.</summary>
internal sealed record GeneratedUpload(string Name, byte[] Content, MonthReport Report)
{
    public int Rows => Report switch
    {
        ConsumptionReport c => c.Rows.Count,
        SalesReport s => s.Mined.Count + s.Sold.Count,
        _ => 0,
    };
}

internal static class GeneratedUploads
{
    /// <summary>Both reports of every month each licence was active in, licence by licence.</summary>
    public static IEnumerable<GeneratedUpload> For(SampleDataset dataset, Quarter quarter)
    {
        foreach (var profile in dataset.Profiles)
        {
            foreach (var month in quarter.Months.Where(profile.Licence.IsActiveIn))
            {
                var licence = profile.Licence.Number;
                var consumption = dataset.Consumption(profile, month);
                yield return new GeneratedUpload($"{licence}/{month}-consumption.xlsx", MonthReportWriter.ToBytes(consumption), consumption);
                var sales = dataset.Sales(profile, month);
                yield return new GeneratedUpload($"{licence}/{month}-sales.xlsx", MonthReportWriter.ToBytes(sales), sales);
            }
        }
    }
}
