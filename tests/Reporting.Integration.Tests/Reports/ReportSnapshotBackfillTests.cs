using Azure.Data.Tables;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Reports;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reports;

/// <summary>
/// A version published before snapshots were kept gets its snapshot from the next build of its unchanged quarter (the
/// daily timer's), without a new version; after that a build changes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportSnapshotBackfillTests(AzuriteFixture azurite)
{
    private static readonly Quarter Q1 = new(2025, 1);

    [Fact]
    public async Task An_unchanged_quarters_build_adds_the_missing_snapshot_to_its_version_and_nothing_else()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 4, 20, 6, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: time);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var service = pipeline.Get<QuarterlyReportService>();
        var store = pipeline.Get<ReportStore>();
        var published = (await service.BuildAsync(Q1, CancellationToken.None)).Version;
        // As a version published before snapshots were kept: no snapshot, no name or hash on its row.
        await pipeline.Clients.Reports.DeleteBlobAsync(published.SnapshotBlob);
        await pipeline.Clients.Table(TableName.ReportVersions).UpdateEntityAsync(
            new TableEntity(Q1.ToString(), "v0001") { ["SnapshotBlob"] = "", ["SnapshotSha256"] = "" }, Azure.ETag.All, TableUpdateMode.Merge);
        Assert.Equal("", (await store.GetCurrentAsync(Q1, CancellationToken.None))!.SnapshotBlob);
        time.Advance(TimeSpan.FromDays(1));

        var rebuilt = await service.BuildAsync(Q1, CancellationToken.None);

        Assert.False(rebuilt.Created);
        var row = (await store.ListVersionsAsync(Q1, CancellationToken.None)).Single();
        Assert.Equal((1, published.SnapshotBlob, published.Fingerprint), (row.Number, row.SnapshotBlob, row.Fingerprint));
        Assert.Equal(row.SnapshotSha256, await store.HashAsync(row.SnapshotBlob, CancellationToken.None));
        var snapshot = ReportSnapshotJson.Deserialize((await store.DownloadAsync(row.SnapshotBlob, CancellationToken.None)).ToArray());
        Assert.Equal((published.Fingerprint, row.CreatedAt), (snapshot.Fingerprint, snapshot.GeneratedAt));
        Assert.Equal(ReportSnapshotJson.Serialize(rebuilt.Report with { GeneratedAt = row.CreatedAt }), ReportSnapshotJson.Serialize(snapshot));

        var before = await StorageSnapshot.TakeAsync(pipeline.Clients);
        Assert.False((await service.BuildAsync(Q1, CancellationToken.None)).Created);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(pipeline.Clients));
    }
}
