using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Samples;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// Valid consumption workbooks of a given size, written as Excel writes them (shared strings): sites of 40
/// meters each, every meter distinct, a realistic mix of sources, numbers with decimals.
/// </summary>
internal static class ConsumptionWorkbooks
{
    private static readonly EnergySource[] Mix =
        [EnergySource.Grid, EnergySource.Grid, EnergySource.Grid, EnergySource.Import, EnergySource.Renewable, EnergySource.OwnGeneration, EnergySource.OffGrid];

    public static ConsumptionReport Report(int rows)
    {
        var header = SampleFiles.SampleConsumption().Header;
        var list = new List<ConsumptionRow>(rows);
        for (var i = 0; i < rows; i++)
        {
            var source = Mix[i % Mix.Length];
            var kwh = 10_000m + (i * 7919 % 900_000) / 10m;
            decimal? cost = source is EnergySource.Grid or EnergySource.Import ? decimal.Round(kwh * 28.75m, 2) : null;
            list.Add(new ConsumptionRow(i + 2, $"Ekibastuz-{i / 40 + 1}", $"KZ-MTR-{i + 1:D7}", source, kwh, cost));
        }

        return new ConsumptionReport(header, list);
    }

    public static byte[] Bytes(int rows) => MonthReportWriter.ToBytes(Report(rows));
}
