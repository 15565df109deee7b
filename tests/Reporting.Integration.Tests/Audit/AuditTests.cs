using System.Text.Json;
using Azure.Data.Tables;
using Reporting.Application.Audit;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Excel.Reports;
using Reporting.Integration.Tests.Ingestion;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Audit;

/// <summary>
/// The audit on a state damaged by hand as a storage that loses acknowledged writes would damage it: it finds every kind
/// of drift, repairs what can be repaired (the figures are whole again), and reports the rest; a dry run changes nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuditTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Quarter Q1 = new(2025, 1);

    [Fact]
    public async Task Drift_of_every_kind_is_found_and_what_can_be_repaired_is_and_the_figures_are_whole_again()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 4, 20, 6, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: time);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var (dataset, miner) = SampleFiles.SampleMiner();
        var reports = Q1.Months.Select(m => dataset.Consumption(miner, m)).ToArray();
        foreach (var report in reports) await pipeline.UploadAsync($"{Licence}/{report.Period}-consumption.xlsx", MonthReportWriter.ToBytes(report));
        await pipeline.UploadAsync($"{Licence}/broken.xlsx", File.ReadAllBytes(Path.Combine(RepositoryPaths.BrokenSamples, "several-problems.xlsx")));
        var sweep = await pipeline.Get<UploadSweeper>().SweepAsync();
        Assert.Equal(3, sweep.Count(UploadOutcomeStatus.Accepted));
        await pipeline.Get<QuarterlyReportService>().BuildAsync(Q1, CancellationToken.None);
        var auditor = pipeline.Get<StateAuditor>();
        Assert.True((await auditor.AuditAsync(repair: false, CancellationToken.None)).Clean);

        var ledger = pipeline.Get<SubmissionLedger>();
        var rows = (await ledger.ListSubmissionsAsync(Licence, CancellationToken.None)).ToDictionary(r => r.BlobName);
        var january = rows[$"{Licence}/2025-01-consumption.xlsx"];
        var february = rows[$"{Licence}/2025-02-consumption.xlsx"];
        var march = rows[$"{Licence}/2025-03-consumption.xlsx"];
        var broken = rows[$"{Licence}/broken.xlsx"];
        var table = pipeline.Clients.Table(TableName.Submissions);

        // A lost write of the quarter state: March is no longer current (the revision back one step).
        var state = (await table.GetEntityAsync<QuarterStateEntity>(Licence, "quarter|2025-Q1")).Value;
        var pointers = JsonSerializer.Deserialize<JsonElement[]>(state.Pointers)!.Where(p => p.GetProperty("period").GetString() != "2025-03").ToArray();
        await table.UpdateEntityAsync(state with { Pointers = JsonSerializer.Serialize(pointers), Revision = state.Revision - 1 }, Azure.ETag.All, TableUpdateMode.Replace);
        // A lost submission of a current upload, lost records, lost feedback, a report file changed behind the store's back.
        await table.DeleteEntityAsync(Licence, "upload|" + february.UploadId);
        await pipeline.Clients.Records.DeleteBlobAsync(RecordStore.BlobName(Licence, january.UploadId));
        await pipeline.Clients.Feedback.DeleteBlobAsync(broken.FeedbackJson!["feedback/".Length..]);
        var version = (await pipeline.Get<Reporting.Storage.Reports.ReportStore>().GetCurrentAsync(Q1, CancellationToken.None))!;
        await pipeline.Clients.Reports.GetBlobClient(version.CsvBlob).UploadAsync(new BinaryData("tampered"u8.ToArray()), overwrite: true);

        var dryBefore = await UploadProcessingTests.Snapshot(pipeline);
        var dry = await auditor.AuditAsync(repair: false, CancellationToken.None);
        Assert.Equal(dryBefore, await UploadProcessingTests.Snapshot(pipeline));
        Assert.All(dry.Findings, f => Assert.False(f.Repaired));

        var result = await auditor.AuditAsync(repair: true, CancellationToken.None);

        // The dry run saw the stale assessment too; the repairs of its inputs re-assessed it on the way.
        Assert.Contains(dry.Findings, f => f.Kind == DriftKind.AssessmentStale);
        Assert.Equal(dry.Findings.Where(f => f.Kind != DriftKind.AssessmentStale).Select(f => (f.Kind, f.UploadId)).Order(),
            result.Findings.Where(f => f.Kind != DriftKind.AssessmentStale).Select(f => (f.Kind, f.UploadId)).Order());
        Assert.Contains(result.Findings, f => f.Kind == DriftKind.CurrentNotNewest && f.UploadId == march.UploadId && f.Repaired);
        Assert.Contains(result.Findings, f => f.Kind == DriftKind.CurrentWithoutSubmission && f.UploadId == february.UploadId && f.Repaired);
        Assert.Contains(result.Findings, f => f.Kind == DriftKind.RecordsMissing && f.UploadId == january.UploadId && f.Repaired);
        Assert.Contains(result.Findings, f => f.Kind == DriftKind.FeedbackMissing && f.UploadId == broken.UploadId && f.Repaired);
        var mismatch = Assert.Single(result.Findings, f => f.Kind == DriftKind.ReportFileMismatch);
        Assert.False(mismatch.Repaired);
        Assert.Equal(1, result.Unrepaired);

        // The figures are whole again: every month current, with records, and assessed.
        var inputs = await ledger.LoadQuarterAsync(Licence, Q1, CancellationToken.None);
        Assert.Equal([january.UploadId, february.UploadId, march.UploadId], inputs.Pointers.Select(p => p.UploadId));
        Assert.Empty(inputs.Incomplete);
        var assessment = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal(Recompute.Kwh(reports), assessment!.KwhTotal);
        Assert.Equal(inputs.Revision, assessment.InputRevision);
        Assert.NotNull(await pipeline.Get<Reporting.Storage.Blobs.FeedbackStore>().GetAsync(broken.FeedbackJson!["feedback/".Length..], CancellationToken.None));
        Assert.Contains(await ledger.ListSubmissionsAsync(Licence, CancellationToken.None), r => r.UploadId == february.UploadId && r.Status == Domain.Submissions.SubmissionStatus.Accepted);

        // Nothing is left but what cannot be repaired.
        var again = await auditor.AuditAsync(repair: true, CancellationToken.None);
        Assert.Equal(DriftKind.ReportFileMismatch, Assert.Single(again.Findings).Kind);
    }

    [Fact]
    public async Task A_report_snapshot_changed_behind_the_stores_back_is_found_like_a_changed_report_file()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 4, 20, 6, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: time);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var version = (await pipeline.Get<QuarterlyReportService>().BuildAsync(Q1, CancellationToken.None)).Version;
        var auditor = pipeline.Get<StateAuditor>();
        var untouched = new List<AuditFinding>();
        Assert.Equal(1, await auditor.AuditReportsAsync(untouched.Add, CancellationToken.None));
        Assert.Empty(untouched);

        await pipeline.Clients.Reports.GetBlobClient(version.SnapshotBlob).UploadAsync(new BinaryData("{}"u8.ToArray()), overwrite: true);
        var findings = new List<AuditFinding>();
        await auditor.AuditReportsAsync(findings.Add, CancellationToken.None);

        var finding = Assert.Single(findings);
        Assert.Equal(DriftKind.ReportFileMismatch, finding.Kind);
        Assert.NotEmpty(version.SnapshotSha256);
        Assert.Contains(version.SnapshotBlob, finding.Detail.Say(), StringComparison.Ordinal);
    }
}
