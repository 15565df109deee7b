using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// Two corrections of one month received in the same second (storage stamps receipt to the second): the one
/// with the greater upload id counts (docs/storage.md, step 4), whichever is processed first.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SameSecondUploadTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_greater_upload_id_counts_whatever_the_processing_order(bool reverse)
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" });
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var received = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.Zero);
        var original = SampleFiles.SampleConsumption();
        var reports = new Dictionary<string, ConsumptionReport>
        {
            ["march-a.xlsx"] = original,
            ["march-b.xlsx"] = original with { Rows = [.. original.Rows.Select(r => r with { Kwh = r.Kwh + 1000 })] },
        };
        foreach (var (name, report) in reports)
            await pipeline.UploadAsync($"{Licence}/{name}", MonthReportWriter.ToBytes(report), received);

        var processor = pipeline.Get<UploadProcessor>();
        var order = reverse ? reports.Keys.Reverse() : reports.Keys;
        foreach (var name in order) await processor.ProcessBlobAsync($"{Licence}/{name}", CancellationToken.None);

        var rows = await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(received, r.ReceivedAt));
        var winner = rows.MaxBy(r => r.UploadId, StringComparer.Ordinal)!;
        var loser = rows.Single(r => r != winner);
        Assert.Equal((SubmissionStatus.Accepted, SubmissionStatus.Superseded, winner.UploadId), (winner.Status, loser.Status, loser.SupersededBy));

        var stored = await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None);
        Assert.Equal(winner.UploadId, Assert.Single(stored!.Inputs).UploadId);
        Assert.Equal(Recompute.Kwh([reports[Path.GetFileName(winner.BlobName)]]), stored.KwhTotal);
        // The superseded upload's records are kept.
        var kept = await pipeline.Get<RecordStore>().GetAsync(Licence, loser.UploadId, CancellationToken.None);
        Assert.Equal(reports[Path.GetFileName(loser.BlobName)].Rows, Assert.IsType<ConsumptionReport>(kept).Rows);
    }
}
