using Azure.Data.Tables;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

/// <summary>
/// Interleavings of two writers that the happy-path concurrency tests cannot force, replayed step by step
/// against Azurite: the final state must be what one writer at a time would have left.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConcurrentWriterTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Month March = new(2025, 3);

    [Fact]
    public async Task An_older_upload_that_records_after_the_newer_one_marked_it_stays_superseded()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var ledger = pipeline.Get<SubmissionLedger>();
        var pk = SubmissionLedger.PartitionFor(Licence);

        // P claims the slot, then stalls before recording its submission.
        var p = await ledger.LoadAsync(pk, CancellationToken.None);
        var empty = p.Quarter(March.Quarter);
        Assert.Equal(ClaimOutcome.Claimed, await ledger.ClaimAsync(p, empty, empty.With(Pointer("P", null)), CancellationToken.None));

        // Q, newer, replaces P and records itself, marking P superseded.
        var q = await ledger.LoadAsync(pk, CancellationToken.None);
        var withP = q.Quarter(March.Quarter);
        Assert.Equal(ClaimOutcome.Claimed, await ledger.ClaimAsync(q, withP, withP.With(Pointer("Q", "P")), CancellationToken.None));
        await ledger.RecordAsync(q, Row("Q", SubmissionStatus.Accepted), "P", CancellationToken.None);

        // P wakes up and records what it decided: accepted.
        await ledger.RecordAsync(p, Row("P", SubmissionStatus.Accepted), null, CancellationToken.None);

        var rows = (await ledger.ListSubmissionsAsync(pk, CancellationToken.None)).ToDictionary(r => r.UploadId);
        Assert.Equal((SubmissionStatus.Superseded, "Q"), (rows["P"].Status, rows["P"].SupersededBy));
        Assert.Equal(SubmissionStatus.Accepted, rows["Q"].Status);
    }

    [Fact]
    public async Task An_upload_replaced_by_one_that_failed_before_recording_is_still_superseded()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var ledger = pipeline.Get<SubmissionLedger>();
        var pk = SubmissionLedger.PartitionFor(Licence);
        var snapshot = await ledger.LoadAsync(pk, CancellationToken.None);
        var empty = snapshot.Quarter(March.Quarter);
        await ledger.ClaimAsync(snapshot, empty, empty.With(Pointer("P", null)), CancellationToken.None);
        await ledger.RecordAsync(snapshot, Row("P", SubmissionStatus.Accepted), null, CancellationToken.None);

        // Q claims the slot and dies before it writes anything else (so P is never marked by Q).
        var withP = snapshot.Quarter(March.Quarter);
        await ledger.ClaimAsync(snapshot, withP, withP.With(Pointer("Q", "P")), CancellationToken.None);

        var rows = (await ledger.ListSubmissionsAsync(pk, CancellationToken.None)).ToDictionary(r => r.UploadId);
        Assert.Equal((SubmissionStatus.Superseded, "Q"), (rows["P"].Status, rows["P"].SupersededBy));
    }

    [Fact]
    public async Task A_report_built_from_an_assessment_that_lost_its_violation_rows_repairs_them()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        // A registry without quotas: the grid kWh of March are a no-quota violation.
        var dataset = new SampleDataset(licences: 3, registryFrom: new DateOnly(2023, 1, 1), validAtLeastUntil: new DateOnly(2026, 12, 31));
        await pipeline.ImportRegistryAsync(dataset.Registry([]));
        var miner = dataset.Profiles.First(p => p.Licence.IsActiveIn(March));
        var report = new ConsumptionReport(SampleDataset.Header(miner, ReportKind.Consumption, March),
            [new ConsumptionRow(2, "Site-1", "M-1", EnergySource.Grid, 1_000m, 28_000m)]);
        await pipeline.UploadAsync($"{miner.Licence.Number}/2025-03-consumption.xlsx", MonthReportWriter.ToBytes(report));
        await pipeline.Get<UploadSweeper>().SweepAsync();
        var service = pipeline.Get<QuarterlyReportService>();
        var before = await service.BuildAsync(March.Quarter, CancellationToken.None);
        var expected = before.Report.Violations.Where(v => v.Licence == miner.Licence.Number).Select(v => v.Code).Order().ToArray();
        Assert.NotEmpty(expected);

        // A writer that was overtaken deleted the current token's rows (the race the store's re-check narrows).
        var violations = pipeline.Clients.Table(TableName.Violations);
        await foreach (var row in violations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {March.Quarter.ToString()}")))
            await violations.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        var after = await service.BuildAsync(March.Quarter, CancellationToken.None);

        Assert.Equal(expected, after.Report.Violations.Where(v => v.Licence == miner.Licence.Number).Select(v => v.Code).Order().ToArray());
        Assert.False(after.Created); // the same content as before the loss: no new version
        var stored = await pipeline.Get<AssessmentStore>().ListViolationRowsAsync(March.Quarter, CancellationToken.None);
        Assert.Equal(before.Report.Violations.Count, stored.Count);
    }

    private static CurrentPointer Pointer(string uploadId, string? previous) =>
        new(March, ReportKind.Consumption, uploadId, new DateTimeOffset(2025, 4, uploadId == "P" ? 1 : 2, 0, 0, 0, TimeSpan.Zero), "sha-" + uploadId, $"{Licence}/{uploadId}.xlsx", previous);

    private static SubmissionRow Row(string uploadId, SubmissionStatus status) =>
        new(uploadId, $"{Licence}/{uploadId}.xlsx", "etag-" + uploadId, null, "sha-" + uploadId, 1000, new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 4, 3, 0, 0, 0, TimeSpan.Zero), status, ReportKind.Consumption, Licence, March, 0, 0, null, null, null, null, null, "rules-test");
}
