using System.Security.Cryptography;
using System.Text.Json;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>A real upload through ProcessUpload's BlobClient binding in the worker.</summary>
[Collection(WorkerCollection.Name)]
public sealed class ProcessUploadTests(WorkerFixture fixture)
{
    private const string Licence = "KZ-DM-0016";
    private const string BlobName = Licence + "/2025-03-consumption.xlsx";

    [Fact]
    public async Task An_upload_becomes_a_submission_with_records_and_feedback_and_a_second_delivery_changes_nothing()
    {
        var consumption = SampleFiles.SampleConsumption();
        var bytes = MonthReportWriter.ToBytes(consumption);
        await fixture.Pipeline.UploadAsync(BlobName, bytes);

        var first = await fixture.Worker.InvokeBlobAsync("ProcessUpload", BlobName);

        Assert.True(first.Succeeded, first.ToString());
        var ledger = fixture.Pipeline.Get<SubmissionLedger>();
        var submission = Assert.Single(await ledger.ListSubmissionsAsync(Licence, CancellationToken.None));
        Assert.Equal(BlobName, submission.BlobName);
        Assert.Equal(SubmissionStatus.Accepted, submission.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), submission.Sha256);
        Assert.Equal(ReportKind.Consumption, submission.Kind);
        Assert.Equal(new Month(2025, 3), submission.Period);

        var quarter = await ledger.LoadQuarterAsync(Licence, new Quarter(2025, 1), CancellationToken.None);
        Assert.Equal(consumption.Rows, Assert.Single(quarter.Consumption).Rows);
        var assessment = await fixture.Pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None);
        Assert.NotNull(assessment);
        Assert.Equal(submission.Sha256, Assert.Single(assessment.Inputs).Sha256);

        var feedback = await fixture.Pipeline.Get<FeedbackStore>().GetAsync($"{Licence}/{submission.UploadId}.json", CancellationToken.None);
        using (var json = JsonDocument.Parse(feedback!.ToString()))
            Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());

        // The function's own log line reaches the host, tied to the invocation.
        var line = Assert.Single(first.Logs, l => l.Category == "Reporting.Functions.ProcessUpload");
        Assert.Equal("Information", line.Level);
        Assert.StartsWith($"Upload {BlobName}: accepted (licence {Licence}, period 2025-03, 0 errors, ", line.Message, StringComparison.Ordinal);
        Assert.Contains(fixture.Worker.Logs, l => l.InvocationId == first.InvocationId && l.Message == line.Message);

        // At-least-once delivery: the same event again.
        var before = await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients);
        var second = await fixture.Worker.InvokeBlobAsync("ProcessUpload", BlobName);

        Assert.True(second.Succeeded, second.ToString());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(fixture.Pipeline.Clients));
        Assert.StartsWith($"Upload {BlobName}: already-processed ", Assert.Single(second.Logs, l => l.Category == "Reporting.Functions.ProcessUpload").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_blob_deleted_before_the_event_arrives_is_skipped_without_failing()
    {
        var result = await fixture.Worker.InvokeBlobAsync("ProcessUpload", "KZ-DM-0016/never-uploaded.xlsx");

        Assert.True(result.Succeeded, result.ToString());
        Assert.StartsWith("Upload KZ-DM-0016/never-uploaded.xlsx: skipped ", Assert.Single(result.Logs, l => l.Category == "Reporting.Functions.ProcessUpload").Message, StringComparison.Ordinal);
    }
}
