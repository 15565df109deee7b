using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Excel.Reports;
using Reporting.Samples;

namespace Reporting.Web.Tests.Portal;

/// <summary>
/// Two published versions of 2025-Q1, made the way production makes them (uploads processed, then the quarterly report
/// service builds and publishes): version 1 from the sample miner's three consumption reports and March sales (January
/// and February filed late on 7 April, after their due dates), version 2 after another licence's March consumption.
/// </summary>
public static class CommitteeSeed
{
    public static readonly Quarter Quarter = new(2025, 1);

    public static async Task<(QuarterlyReportResult First, QuarterlyReportResult Second)> PublishTwoVersionsAsync(PortalHarness portal)
    {
        var (dataset, miner) = SampleFiles.SampleMiner();
        foreach (var month in Quarter.Months)
            await UploadAndProcessAsync(portal, $"{miner.Licence.Number}/{month}-consumption.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, month)));
        await UploadAndProcessAsync(portal, $"{miner.Licence.Number}/{Quarter.LastMonth}-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miner, Quarter.LastMonth)));
        var reports = portal.Pipeline.Get<QuarterlyReportService>();
        var first = await reports.BuildAsync(Quarter, CancellationToken.None);

        var other = dataset.Profiles.First(p => p.Licence.Number == portal.OtherLicence);
        await UploadAndProcessAsync(portal, $"{other.Licence.Number}/{Quarter.LastMonth}-consumption.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(other, Quarter.LastMonth)));
        var second = await reports.BuildAsync(Quarter, CancellationToken.None);
        return (first, second);
    }

    private static async Task UploadAndProcessAsync(PortalHarness portal, string name, byte[] content)
    {
        await portal.Pipeline.UploadAsync(name, content);
        await portal.ProcessAsync(name);
    }
}
