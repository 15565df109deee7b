using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Ingestion;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// A month may be reported once it has begun in Kazakhstan (UTC+5 since March 2024): the sample March 2025 report
/// is `period-in-future` until 1 March 00:00 local time, which is 28 February 19:00 UTC.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FutureMonthUploadTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";

    [Theory]
    [InlineData("2025-02-28T18:59:59Z", UploadOutcomeStatus.Rejected)]
    [InlineData("2025-02-28T19:00:00Z", UploadOutcomeStatus.Accepted)]
    public async Task A_report_is_accepted_from_the_first_instant_of_its_month_in_Kazakhstan(string now, UploadOutcomeStatus expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: time);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync($"{Licence}/2025-03.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/2025-03.xlsx", CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        Assert.Equal(expected == UploadOutcomeStatus.Rejected ? "period-in-future" : null, outcome.FirstIssue?.Code);
    }
}
