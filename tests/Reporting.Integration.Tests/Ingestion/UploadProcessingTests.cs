using Reporting.Domain.Text;
using Azure.Data.Tables;
using ClosedXML.Excel;
using System.Text.Json;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class UploadProcessingTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";

    [Fact]
    public async Task A_valid_upload_is_accepted_recorded_assessed_and_answered()
    {
        await using var pipeline = await CreateAsync();
        var consumption = SampleFiles.SampleConsumption();
        var bytes = MonthReportWriter.ToBytes(consumption);
        await pipeline.UploadAsync($"{Licence}/2025-03-consumption.xlsx", bytes);

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/2025-03-consumption.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        var submission = Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), submission.Sha256);
        Assert.Equal(bytes.Length, submission.SizeBytes);
        Assert.Equal(ReportKind.Consumption, submission.Kind);
        Assert.Equal(new Month(2025, 3), submission.Period);

        var quarter = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(Licence, new Quarter(2025, 1), CancellationToken.None);
        Assert.Equal(consumption.Rows, Assert.Single(quarter.Consumption).Rows);

        var stored = await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Recompute.FlatFee2024([consumption]), stored.FeeKzt);
        Assert.Equal(Recompute.Kwh([consumption]), stored.KwhTotal);
        Assert.Equal(submission.Sha256, Assert.Single(stored.Inputs).Sha256);

        using var json = JsonDocument.Parse((await pipeline.Get<Reporting.Storage.Blobs.FeedbackStore>().GetAsync($"{Licence}/{outcome.UploadId}.json", CancellationToken.None))!.ToString());
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(submission.Sha256, json.RootElement.GetProperty("upload").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task An_invalid_upload_is_rejected_with_feedback_and_an_annotated_copy_and_the_upload_is_untouched()
    {
        await using var pipeline = await CreateAsync();
        var broken = File.ReadAllBytes(Path.Combine(RepositoryPaths.BrokenSamples, "several-problems.xlsx"));
        var blob = await pipeline.UploadAsync($"{Licence}/march.xlsx", broken);
        var before = (await blob.GetPropertiesAsync()).Value.ETag;

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Rejected, outcome.Status);
        Assert.Equal(4, outcome.Errors);
        Assert.Equal("invalid-bin", outcome.FirstIssue?.Code);
        Assert.Equal(before, (await blob.GetPropertiesAsync()).Value.ETag);
        Assert.Equal(broken, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Null(await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None));

        var feedback = pipeline.Get<Reporting.Storage.Blobs.FeedbackStore>();
        using var json = JsonDocument.Parse((await feedback.GetAsync($"{Licence}/{outcome.UploadId}.json", CancellationToken.None))!.ToString());
        Assert.Equal("rejected", json.RootElement.GetProperty("status").GetString());
        // No language in the registry: the feedback is in the default, Russian.
        Assert.Equal("ru", json.RootElement.GetProperty("language").GetString());
        Assert.Equal(["invalid-bin", "unknown-source", "type-error", "missing-value"],
            json.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()));

        var annotated = await feedback.GetAsync($"{Licence}/{outcome.UploadId}.annotated.xlsx", CancellationToken.None);
        using var workbook = new XLWorkbook(annotated!.ToStream());
        Assert.Equal(MessageCatalog.Default.In(Language.Ru)[Reporting.Excel.Feedback.FeedbackTexts.ProblemsSheet], workbook.Worksheets.First().Name);
        var cell = workbook.Worksheet("Consumption").Cell("C2");
        Assert.True(cell.HasComment);
        Assert.Contains("unknown-source", cell.Comment.Text);
        Assert.Equal(XLColor.FromHtml("#FFC7CE"), cell.Style.Fill.BackgroundColor);
        Assert.Equal("diesel", cell.GetString());
        Assert.False(cell.HasFormula);
    }

    [Fact]
    public async Task A_workbook_for_another_licence_is_rejected_for_its_folder()
    {
        await using var pipeline = await CreateAsync();
        await pipeline.UploadAsync("KZ-DM-0001/2025-03.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync("KZ-DM-0001/2025-03.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Rejected, outcome.Status);
        Assert.Equal("licence-path-mismatch", outcome.FirstIssue?.Code);
        var submission = Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync("KZ-DM-0001", CancellationToken.None));
        Assert.Equal(Domain.Submissions.SubmissionStatus.Rejected, submission.Status);
        Assert.Empty((await pipeline.Get<SubmissionLedger>().LoadQuarterAsync("KZ-DM-0001", new Quarter(2025, 1), CancellationToken.None)).Pointers);
    }

    [Fact]
    public async Task Processing_the_same_blob_twice_changes_nothing()
    {
        await using var pipeline = await CreateAsync();
        await pipeline.UploadAsync($"{Licence}/c.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        await pipeline.UploadAsync($"{Licence}/bad.xlsx", File.ReadAllBytes(Path.Combine(RepositoryPaths.BrokenSamples, "type-error.xlsx")));
        var processor = pipeline.Get<UploadProcessor>();
        await processor.ProcessBlobAsync($"{Licence}/c.xlsx", CancellationToken.None);
        await processor.ProcessBlobAsync($"{Licence}/bad.xlsx", CancellationToken.None);
        var before = await Snapshot(pipeline);

        var again = await processor.ProcessBlobAsync($"{Licence}/c.xlsx", CancellationToken.None);
        var againBad = await processor.ProcessBlobAsync($"{Licence}/bad.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.AlreadyProcessed, again.Status);
        Assert.Equal(UploadOutcomeStatus.AlreadyProcessed, againBad.Status);
        Assert.Equal(before, await Snapshot(pipeline));
    }

    [Fact]
    public async Task An_identical_reupload_is_a_duplicate_that_changes_nothing()
    {
        await using var pipeline = await CreateAsync();
        var bytes = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());
        await pipeline.UploadAsync($"{Licence}/first.xlsx", bytes);
        await pipeline.UploadAsync($"{Licence}/again.xlsx", bytes);
        var processor = pipeline.Get<UploadProcessor>();
        var first = await processor.ProcessBlobAsync($"{Licence}/first.xlsx", CancellationToken.None);
        var assessed = await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None);

        var second = await processor.ProcessBlobAsync($"{Licence}/again.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Duplicate, second.Status);
        var rows = await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        Assert.Equal(first.UploadId, rows.Single(r => r.UploadId == second.UploadId).DuplicateOf);
        var quarter = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(Licence, new Quarter(2025, 1), CancellationToken.None);
        Assert.Equal(first.UploadId, Assert.Single(quarter.Pointers).UploadId);
        Assert.Equal(1, quarter.Revision);
        Assert.Equal(assessed!.Token, (await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None))!.Token);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_newer_upload_supersedes_the_older_whatever_order_they_are_processed_in(bool newerFirst)
    {
        // Receipt times given explicitly (storage stamps uploads to the second, and these arrive within one).
        await using var pipeline = await CreateAsync(new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" });
        var received = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.Zero);
        var original = SampleFiles.SampleConsumption();
        var corrected = original with { Rows = [.. original.Rows.Select(r => r with { Kwh = r.Kwh + 1000 })] };
        await pipeline.UploadAsync($"{Licence}/march-v1.xlsx", MonthReportWriter.ToBytes(original), received);
        await pipeline.UploadAsync($"{Licence}/march-v2.xlsx", MonthReportWriter.ToBytes(corrected), received.AddSeconds(1));
        var processor = pipeline.Get<UploadProcessor>();

        string[] order = newerFirst ? ["march-v2.xlsx", "march-v1.xlsx"] : ["march-v1.xlsx", "march-v2.xlsx"];
        foreach (var name in order) await processor.ProcessBlobAsync($"{Licence}/{name}", CancellationToken.None);

        var rows = await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None);
        var v1 = rows.Single(r => r.BlobName.EndsWith("v1.xlsx", StringComparison.Ordinal));
        var v2 = rows.Single(r => r.BlobName.EndsWith("v2.xlsx", StringComparison.Ordinal));
        Assert.Equal(Domain.Submissions.SubmissionStatus.Superseded, v1.Status);
        Assert.Equal(v2.UploadId, v1.SupersededBy);
        Assert.Equal(Domain.Submissions.SubmissionStatus.Accepted, v2.Status);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(new Quarter(2025, 1), Licence, CancellationToken.None);
        Assert.Equal(Recompute.Kwh([corrected]), stored!.KwhTotal);
        Assert.Equal(v2.UploadId, Assert.Single(stored.Inputs).UploadId);
        // The older upload is kept: its blob and its records are still there.
        Assert.True((await pipeline.Clients.Uploads.GetBlobClient($"{Licence}/march-v1.xlsx").ExistsAsync()).Value);
        var kept = await pipeline.Get<Reporting.Storage.Records.RecordStore>().GetAsync(Licence, v1.UploadId, CancellationToken.None);
        Assert.Equal(original.Rows, Assert.IsType<ConsumptionReport>(kept).Rows);
    }

    private async Task<TestPipeline> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, settings);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        return pipeline;
    }

    /// <summary>Every entity of the pipeline's tables and every feedback blob, with ETags: any write shows.</summary>
    internal static async Task<string> Snapshot(TestPipeline pipeline)
    {
        var lines = new List<string>();
        foreach (var name in Enum.GetValues<TableName>())
        {
            await foreach (var e in pipeline.Clients.Table(name).QueryAsync<TableEntity>())
                lines.Add($"{name}|{e.PartitionKey}|{e.RowKey}|{e.ETag}");
        }

        await foreach (var blob in pipeline.Clients.Feedback.GetBlobsAsync())
            lines.Add($"feedback|{blob.Name}|{blob.Properties.ETag}");
        await foreach (var blob in pipeline.Clients.Uploads.GetBlobsAsync())
            lines.Add($"uploads|{blob.Name}|{blob.Properties.ETag}");
        await foreach (var blob in pipeline.Clients.Records.GetBlobsAsync())
            lines.Add($"records|{blob.Name}|{blob.Properties.ETag}");
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
