using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// A blob as listed is not the blob as read: too large by its listing, overwritten or deleted between listing and download.
/// Real Azurite, a fake clock (15 April 2025, so March is a past month).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UnsteadyBlobTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";
    private const string Name = $"{Licence}/march.xlsx";
    private static readonly Quarter Q1 = new(2025, 1);

    private async Task<TestPipeline> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 15, 6, 0, 0, TimeSpan.Zero));
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, settings, clock, Microsoft.Extensions.Logging.LogLevel.Information);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        return pipeline;
    }

    /// <summary>The blob as the sweep lists it (name, ETag, size), and its licence's ledger loaded.</summary>
    private static async Task<(UploadBlob Blob, LedgerContext Context)> ListAsync(TestPipeline pipeline)
    {
        var listed = new List<UploadBlob>();
        await foreach (var blob in pipeline.Get<UploadBlobs>().ListFolderAsync(Licence)) listed.Add(blob);
        var context = new LedgerContext(pipeline.Get<SubmissionLedger>(), SubmissionLedger.PartitionFor(Licence));
        await context.LoadAsync(CancellationToken.None);
        return (Assert.Single(listed), context);
    }

    [Theory]
    [InlineData(-1, UploadOutcomeStatus.Rejected)] // the limit is one byte below the listed size
    [InlineData(0, UploadOutcomeStatus.Accepted)]  // exactly the limit is allowed
    public async Task An_upload_is_refused_by_its_listed_size_above_the_limit_without_being_read(int limitOffset, UploadOutcomeStatus expected)
    {
        var bytes = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());
        await using var pipeline = await CreateAsync(new Dictionary<string, string?> { ["Workbook:MaxBytes"] = (bytes.Length + limitOffset).ToString(CultureInfo.InvariantCulture) });
        await pipeline.UploadAsync(Name, bytes);
        var (listed, context) = await ListAsync(pipeline);

        var outcome = await pipeline.Get<UploadProcessor>().ProcessAsync(listed, context, CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        var row = Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
        Assert.Equal(bytes.Length, row.SizeBytes);
        var stored = await pipeline.Get<Reporting.Storage.Records.RecordStore>().ExistsAsync(context.PartitionKey, outcome.UploadId, CancellationToken.None);
        if (expected == UploadOutcomeStatus.Rejected)
        {
            Assert.Equal(IssueCodes.FileTooLarge.Code, outcome.FirstIssue?.Code);
            Assert.Equal("", row.Sha256); // never downloaded: nothing was hashed
            Assert.False(stored);
            Assert.Equal(0, (await pipeline.Get<SubmissionLedger>().GetStateAsync(Licence, Q1, CancellationToken.None)).Revision);
        }
        else
        {
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), row.Sha256);
            Assert.True(stored);
        }
    }

    [Fact]
    public async Task A_blob_overwritten_after_listing_records_nothing_under_the_old_version_and_the_new_version_counts()
    {
        await using var pipeline = await CreateAsync();
        var march = SampleFiles.SampleConsumption();
        await pipeline.UploadAsync(Name, MonthReportWriter.ToBytes(march));
        var (listed, context) = await ListAsync(pipeline);
        var corrected = march with { Rows = [.. march.Rows.Select(r => r with { Kwh = r.Kwh + 500 })] };
        await pipeline.UploadAsync(Name, MonthReportWriter.ToBytes(corrected)); // same name, new ETag
        var before = await StorageSnapshot.TakeAsync(pipeline.Clients);

        var outcome = await pipeline.Get<UploadProcessor>().ProcessAsync(listed, context, CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Skipped, outcome.Status);
        Assert.Equal(IngestionTexts.SkippedOverwritten.Key, outcome.Detail?.Code);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(pipeline.Clients)); // no submission, records or feedback for the listed version

        // The new version is an upload of its own: the sweep accepts it, and the quarter holds its rows only.
        var swept = Assert.Single((await pipeline.Get<UploadSweeper>().SweepAsync()).Outcomes);
        Assert.Equal(UploadOutcomeStatus.Accepted, swept.Status);
        Assert.NotEqual(outcome.UploadId, swept.UploadId);
        var quarter = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(Licence, Q1, CancellationToken.None);
        Assert.Equal(corrected.Rows, Assert.Single(quarter.Consumption).Rows);
        Assert.Equal(swept.UploadId, Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None)).UploadId);
    }

    [Fact]
    public async Task A_blob_deleted_after_listing_is_logged_and_nothing_is_recorded()
    {
        await using var pipeline = await CreateAsync();
        await pipeline.UploadAsync(Name, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        var (listed, context) = await ListAsync(pipeline);
        await pipeline.Clients.Uploads.DeleteBlobAsync(Name);
        var before = await StorageSnapshot.TakeAsync(pipeline.Clients);

        var outcome = await pipeline.Get<UploadProcessor>().ProcessAsync(listed, context, CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Skipped, outcome.Status);
        Assert.Equal(IngestionTexts.SkippedDeleted.Key, outcome.Detail?.Code);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(pipeline.Clients));
        Assert.Contains(pipeline.Logs.GetSnapshot(), l => l.Message == $"Skipped {Name}: the blob was deleted");
        Assert.Equal(0, (await pipeline.Get<SubmissionLedger>().GetStateAsync(Licence, Q1, CancellationToken.None)).Revision);
    }
}
