using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>Hostile and unlucky uploads, on a real Azurite: refused precisely, nothing frozen, nothing hidden.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileUploadTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Quarter Q1 = new(2025, 1);

    private async Task<TestPipeline> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, settings);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        return pipeline;
    }

    [Fact]
    public async Task An_oversized_cell_is_refused_before_any_state_changes_and_a_later_correction_is_still_assessed()
    {
        // Receipt times given explicitly: storage stamps uploads to the second, and these three arrive within one.
        await using var pipeline = await CreateAsync(new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" });
        var received = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.Zero);
        var processor = pipeline.Get<UploadProcessor>();
        var march = SampleFiles.SampleConsumption();
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(march), received);
        Assert.Equal(UploadOutcomeStatus.Accepted, (await processor.ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None)).Status);

        // A correction of March whose one cell is two million characters long.
        var hostile = march with { Rows = [march.Rows[0] with { Site = new string('x', 2_000_000) }, .. march.Rows.Skip(1)] };
        await pipeline.UploadAsync($"{Licence}/march-hostile.xlsx", MonthReportWriter.ToBytes(hostile, new XlsxWriterOptions { SharedStrings = false }), received.AddHours(1));
        var refused = await processor.ProcessBlobAsync($"{Licence}/march-hostile.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Rejected, refused.Status);
        Assert.Equal(IssueCodes.CellTooLong.Code, refused.FirstIssue?.Code);
        var state = await pipeline.Get<SubmissionLedger>().GetStateAsync(Licence, Q1, CancellationToken.None);
        Assert.Equal(1, state.Revision);

        // A genuine correction afterwards counts, and the quarter is assessed with it.
        var corrected = march with { Rows = [.. march.Rows.Select(r => r with { Kwh = r.Kwh + 500 })] };
        await pipeline.UploadAsync($"{Licence}/march-corrected.xlsx", MonthReportWriter.ToBytes(corrected), received.AddHours(2));
        var outcome = await processor.ProcessBlobAsync($"{Licence}/march-corrected.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal(Recompute.Kwh([corrected]), stored!.KwhTotal);
        Assert.Equal(2, stored.InputRevision);
        Assert.Equal(outcome.UploadId, Assert.Single(stored.Inputs).UploadId);
    }

    [Fact]
    public async Task A_valid_report_of_49999_rows_is_accepted_and_its_records_stored_whole()
    {
        await using var pipeline = await CreateAsync();
        var template = SampleFiles.SampleConsumption();
        var rows = Enumerable.Range(0, 49_999)
            .Select(i => new ConsumptionRow(i + 2, $"Экибастуз площадка {i / 100}", $"KZ-MTR-{i:D7}", EnergySource.Renewable, 1000.125m + i % 97, null))
            .ToArray();
        var big = template with { Rows = rows };
        await pipeline.UploadAsync($"{Licence}/march-big.xlsx", MonthReportWriter.ToBytes(big));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march-big.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        var inputs = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(Licence, Q1, CancellationToken.None);
        Assert.Equal(rows, Assert.Single(inputs.Consumption).Rows);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal(rows.Sum(r => r.Kwh), stored!.KwhTotal);
    }

    [Theory]
    [InlineData("KZ-DM-0016/../KZ-DM-0099/report.xlsx")]
    [InlineData("KZ-DM-0016/./report.xlsx")]
    [InlineData("KZ-DM-0016\\..\\report.xlsx")]
    public async Task An_upload_named_with_path_steps_is_rejected_without_being_read_and_answered(string name)
    {
        await using var pipeline = await CreateAsync();
        var stored = await UploadRawAsync(pipeline, name, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        var result = await pipeline.Get<UploadSweeper>().SweepAsync();

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal((stored, UploadOutcomeStatus.Rejected, IssueCodes.InvalidUploadName.Code), (outcome.Blob, outcome.Status, outcome.FirstIssue?.Code));
        var row = Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync("~ROOT", CancellationToken.None));
        Assert.Equal(0, row.SizeBytes == 0 ? 0 : row.Sha256.Length); // never downloaded: no hash
        using var feedback = JsonDocument.Parse((await pipeline.Get<FeedbackStore>().GetAsync($"_root/{outcome.UploadId}.json", CancellationToken.None))!.ToString());
        Assert.Equal("invalid-upload-name", feedback.RootElement.GetProperty("issues")[0].GetProperty("code").GetString());
        Assert.Empty((await pipeline.Get<UploadSweeper>().SweepAsync()).Outcomes); // answered once, not skipped forever
    }

    /// <summary>
    /// Uploads a blob under exactly the given name with a raw HTTP PUT (the storage SDKs resolve "." and ".." before sending,
    /// a hand-made request does not), authorised by a SAS; returns the name as stored.
    /// </summary>
    private static async Task<string> UploadRawAsync(TestPipeline pipeline, string name, byte[] content)
    {
        var sas = pipeline.Clients.Uploads.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.Create | Azure.Storage.Sas.BlobContainerSasPermissions.Write,
            DateTimeOffset.UtcNow.AddHours(1));
        var path = string.Join('/', name.Split('/').Select(segment => segment is "." or ".." ? segment.Replace(".", "%2E", StringComparison.Ordinal) : Uri.EscapeDataString(segment)));
        var uri = new Uri($"{sas.GetLeftPart(UriPartial.Path)}/{path}{sas.Query}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ByteArrayContent(content) };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        request.Headers.Add("x-ms-version", "2025-01-05");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        var names = new List<string>();
        await foreach (var blob in pipeline.Clients.Uploads.GetBlobsAsync()) names.Add(blob.Name);
        return Assert.Single(names);
    }

    [Fact]
    public async Task A_bug_met_while_processing_leaves_the_upload_failed_logged_with_its_stack_and_processed_after_the_fix()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2025, 4, 15, 6, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, time: time);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        // A registry row no code version writes (a status that is not a code): reading it is a bug, not the miner's mistake.
        var licences = pipeline.Clients.Table(TableName.Licences);
        var row = (await licences.GetEntityAsync<TableEntity>("licence", Licence)).Value;
        var good = row.GetString("Status");
        row["Status"] = "ACTIVE?";
        await licences.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);

        var failed = await pipeline.Get<UploadSweeper>().SweepAsync();

        var outcome = Assert.Single(failed.Outcomes);
        Assert.Equal(UploadOutcomeStatus.Failed, outcome.Status);
        Assert.Equal("ingest.failed.unexpected", outcome.Detail?.Code);
        Assert.Empty(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
        var logged = pipeline.Logs.GetSnapshot().First(l => l.Level == LogLevel.Error);
        Assert.IsType<FormatException>(logged.Exception);
        Assert.Contains("march.xlsx", logged.Message, StringComparison.Ordinal);

        row["Status"] = good;
        await licences.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace);
        time.Advance(TimeSpan.FromSeconds(31)); // past the registry cache's 30 s
        var fixedRun = await pipeline.Get<UploadSweeper>().SweepAsync();
        Assert.Equal(UploadOutcomeStatus.Accepted, Assert.Single(fixedRun.Outcomes).Status);
    }

    [Fact]
    public async Task A_rejected_file_that_cannot_be_copied_with_marks_gets_its_problems_listed_and_the_failure_logged()
    {
        await using var pipeline = await CreateAsync();
        var consumption = SampleFiles.SampleConsumption();
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream))
        {
            MonthReportWriter.WriteReportSheet(writer, consumption.Header);
            var sheet = writer.AddSheet("Consumption");
            sheet.WriteRow("Site", "Meter", "Source", "kWh", "Cost KZT");
            sheet.WriteRow("Site 1", "M-1", "coal", 1000, 25_000);
            writer.AddSheet("notes[draft]").WriteRow("a sheet name Excel itself would not allow");
        }

        await pipeline.UploadAsync($"{Licence}/march.xlsx", stream.ToArray());
        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Rejected, outcome.Status);
        var workbook = await pipeline.Get<FeedbackStore>().GetAsync($"{Licence}/{outcome.UploadId}.annotated.xlsx", CancellationToken.None);
        using var problems = new ClosedXML.Excel.XLWorkbook(workbook!.ToStream());
        Assert.Equal("unknown-source", Assert.Single(problems.Worksheets).Cell(2, 2).GetString());
        var warning = Assert.Single(pipeline.Logs.GetSnapshot(), l => l.Level == LogLevel.Warning);
        Assert.NotNull(warning.Exception);
        Assert.Contains("could not be made", warning.Message, StringComparison.Ordinal);
    }
    [Fact]
    public async Task With_storage_gone_mid_sweep_the_sweep_stops_after_a_few_faults_and_counts_each_upload_once()
    {
        // An emulator of this test's own, so it can be stopped in the middle of a sweep.
        await using var server = await AzuriteServer.StartAsync();
        await using var pipeline = await TestPipeline.CreateAsync(server.ConnectionString, new Dictionary<string, string?>
        {
            ["Ingestion:MaxParallelism"] = "1",
            ["Ingestion:MaxConsecutiveFaults"] = "3",
            ["Storage:MaxRetries"] = "1",
            ["Storage:RetryDelay"] = "00:00:00.010",
            ["Storage:NetworkTimeout"] = "00:00:02",
        });
        var names = Enumerable.Range(1, 8).Select(i => $"KZ-DM-{9000 + i}/march.xlsx").ToArray();
        foreach (var name in names) await pipeline.UploadAsync(name, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        // Storage goes away as soon as the first upload is done.
        var progress = new StopOnFirst(() => server.StopAsync().GetAwaiter().GetResult());
        var result = await pipeline.Get<UploadSweeper>().SweepAsync(progress);

        Assert.True(result.StoppedEarly);
        Assert.Equal(names.Order(StringComparer.Ordinal), result.Outcomes.Select(o => o.Blob)); // each upload once
        Assert.Equal(1, result.Outcomes.Count(o => o.Status == UploadOutcomeStatus.Rejected)); // not in the registry: processed, rejected
        Assert.Equal(3, result.Outcomes.Count(o => o.Detail?.Code == IngestionTexts.FailedStorage.Key)); // tried, failed: then it stops
        Assert.Equal(4, result.Outcomes.Count(o => o.Detail?.Code == IngestionTexts.NotAttempted.Key));
        Assert.Equal(4, progress.Calls);
    }

    /// <summary>Runs an action synchronously (inside the sweep) when the first upload is reported done.</summary>
    private sealed class StopOnFirst(Action action) : IProgress<SweepProgress>
    {
        public int Calls { get; private set; }

        public void Report(SweepProgress value)
        {
            if (++Calls == 1) action();
        }
    }
}
