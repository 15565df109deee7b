using System.Text.Json;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>
/// What a miner reads back and what a quarter's assessment is made of, detail by detail (real Azurite): the feedback's
/// language and wording, a quarter of one kind of report, the order of an assessment's inputs, a first run on empty storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProcessingDetailTests(AzuriteFixture azurite)
{
    private const string Licence = "KZ-DM-0016";
    private static readonly Quarter Q1 = new(2025, 1);

    [Fact]
    public async Task Feedback_is_in_the_licence_holders_language_even_for_a_file_that_cannot_be_read()
    {
        // The licence holder reads Kazakh (the registry's Language); the default is Russian.
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var registry = SampleFiles.SampleRegistry();
        await pipeline.ImportRegistryAsync(InKazakh(registry));
        await pipeline.UploadAsync($"{Licence}/scan.xlsx", "not a workbook at all"u8.ToArray());
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        var processor = pipeline.Get<UploadProcessor>();

        var unreadable = await processor.ProcessBlobAsync($"{Licence}/scan.xlsx", CancellationToken.None);
        var valid = await processor.ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);

        Assert.Equal((UploadOutcomeStatus.Rejected, null), (unreadable.Status, unreadable.Licence)); // nothing in the file names the licence: its folder does
        Assert.Equal(UploadOutcomeStatus.Accepted, valid.Status);
        foreach (var outcome in new[] { unreadable, valid })
        {
            using var json = await FeedbackAsync(pipeline, outcome.UploadId);
            Assert.Equal("kk", json.RootElement.GetProperty("language").GetString());
        }

        Assert.All(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None), row => Assert.Equal(Language.Kk, row.Language));
    }

    [Fact]
    public async Task A_correction_is_answered_as_replacing_the_report_it_corrects()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" });
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var received = new DateTimeOffset(2025, 4, 3, 9, 0, 0, TimeSpan.Zero);
        var original = SampleFiles.SampleConsumption();
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(original), received);
        await pipeline.UploadAsync($"{Licence}/march-corrected.xlsx", MonthReportWriter.ToBytes(original with { Rows = [.. original.Rows.Select(r => r with { Kwh = r.Kwh + 1 })] }),
            received.AddMinutes(5));
        var processor = pipeline.Get<UploadProcessor>();

        var first = await processor.ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);
        var correction = await processor.ProcessBlobAsync($"{Licence}/march-corrected.xlsx", CancellationToken.None);

        var ru = MessageCatalog.Default.In(Language.Ru);
        using var firstJson = await FeedbackAsync(pipeline, first.UploadId);
        Assert.Equal(ru[IngestionTexts.StatusAccepted], firstJson.RootElement.GetProperty("statusMessage").GetString());
        Assert.Equal(JsonValueKind.Null, firstJson.RootElement.GetProperty("supersedes").ValueKind);
        using var correctionJson = await FeedbackAsync(pipeline, correction.UploadId);
        Assert.Equal(ru[IngestionTexts.StatusAcceptedReplaces], correctionJson.RootElement.GetProperty("statusMessage").GetString());
        Assert.Equal(first.UploadId, correctionJson.RootElement.GetProperty("supersedes").GetString());
        Assert.NotEqual(ru[IngestionTexts.StatusAccepted], ru[IngestionTexts.StatusAcceptedReplaces]);
    }

    [Fact]
    public async Task A_quarter_with_only_a_sales_report_is_assessed()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync($"{Licence}/march-sales.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleSales()));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march-sales.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((new Month(2025, 3), ReportKind.Sales, outcome.UploadId), Assert.Single(stored.Inputs) is var input ? (input.Period, input.Kind, input.UploadId) : default);
        Assert.Equal(0m, stored.KwhTotal);
    }

    [Fact]
    public async Task An_assessment_names_the_licence_as_the_registry_spells_it_not_as_the_file_does()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var sample = SampleFiles.SampleConsumption();
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(sample with { Header = sample.Header with { Licence = Licence.ToLowerInvariant() } }));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        Assert.Equal(Licence, (await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None))!.Licence);
    }

    [Fact]
    public async Task Re_assessing_a_quarter_without_reports_stores_nothing()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());

        var outcome = await pipeline.Get<QuarterReassessor>().ReassessAsync(SubmissionLedger.PartitionFor(Licence), Q1, CancellationToken.None);

        Assert.Equal(SaveOutcome.Unchanged, outcome);
        Assert.Null(await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None));
    }

    [Fact]
    public async Task An_assessment_lists_its_inputs_by_month_then_kind_whatever_order_they_arrived_in()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var (dataset, miner) = SampleFiles.SampleMiner();
        var files = new (string Name, byte[] Content)[]
        {
            ("march-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miner, new Month(2025, 3)))),
            ("march.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, new Month(2025, 3)))),
            ("january.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, new Month(2025, 1)))),
        };
        var processor = pipeline.Get<UploadProcessor>();
        foreach (var (name, content) in files)
        {
            await pipeline.UploadAsync($"{Licence}/{name}", content);
            Assert.Equal(UploadOutcomeStatus.Accepted, (await processor.ProcessBlobAsync($"{Licence}/{name}", CancellationToken.None)).Status);
        }

        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);

        Assert.Equal([(new Month(2025, 1), ReportKind.Consumption), (new Month(2025, 3), ReportKind.Consumption), (new Month(2025, 3), ReportKind.Sales)],
            stored!.Inputs.Select(i => (i.Period, i.Kind)));
    }

    [Fact]
    public async Task The_first_upload_on_storage_never_used_is_processed_and_recorded()
    {
        await using var pipeline = await NeverUsedStorageWithOneUploadAsync();

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);

        // No registry imported yet: the file is still accepted (an unknown licence is the assessment's violation, not a
        // reason to refuse the file), recorded and answered.
        Assert.Equal(UploadOutcomeStatus.Accepted, outcome.Status);
        Assert.Equal(outcome.UploadId, Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None)).UploadId);
        using var json = await FeedbackAsync(pipeline, outcome.UploadId);
        Assert.Equal("accepted", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_first_sweep_on_storage_never_used_processes_what_it_finds()
    {
        await using var pipeline = await NeverUsedStorageWithOneUploadAsync(Microsoft.Extensions.Logging.LogLevel.Information);

        var swept = await pipeline.Get<UploadSweeper>().SweepAsync();

        Assert.Equal(($"{Licence}/march.xlsx", UploadOutcomeStatus.Accepted), Assert.Single(swept.Outcomes) is var o ? (o.Blob, o.Status) : default);
        Assert.Equal(1, swept.Reassessed);
        Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));

        // The operator's trace: the sweep's summary and the assessment it wrote, with its fee.
        var logs = pipeline.Logs.GetSnapshot();
        var summary = Assert.Single(logs, r => r.Category == typeof(UploadSweeper).FullName && r.Level == Microsoft.Extensions.Logging.LogLevel.Information);
        Assert.Equal(("1", "1", "1", "1"), (summary.GetStructuredStateValue("Folders"), summary.GetStructuredStateValue("Blobs"), summary.GetStructuredStateValue("Processed"),
            summary.GetStructuredStateValue("Reassessed")));
        var assessed = Assert.Single(logs, r => r.Category == typeof(QuarterReassessor).FullName);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None);
        Assert.Equal((Licence, "2025-Q1", "Written"), (assessed.GetStructuredStateValue("Licence"), assessed.GetStructuredStateValue("Quarter"), assessed.GetStructuredStateValue("Outcome")));
        Assert.Equal(stored!.FeeKzt, decimal.Parse(assessed.GetStructuredStateValue("Fee")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_sweep_unit_on_storage_never_used_processes_its_folder()
    {
        await using var pipeline = await NeverUsedStorageWithOneUploadAsync();

        var swept = await pipeline.Get<UploadSweeper>().SweepFolderAsync(Licence, CancellationToken.None);

        Assert.Equal(UploadOutcomeStatus.Accepted, Assert.Single(swept.Outcomes).Status);
        Assert.Single(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(Licence, CancellationToken.None));
    }

    [Theory]
    [InlineData(0, UploadOutcomeStatus.Accepted)]  // records of exactly Workbook:MaxRecordBytes are stored
    [InlineData(-1, UploadOutcomeStatus.Rejected)] // one byte less allowed: refused before any state changes
    public async Task A_report_whose_records_are_exactly_the_limit_is_stored_and_one_byte_more_is_refused(long slack, UploadOutcomeStatus expected)
    {
        var report = SampleFiles.SampleConsumption();
        var name = $"{Licence}/march.xlsx";
        var size = await StoredRecordSizeAsync(report, name);
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString,
            new Dictionary<string, string?> { ["Workbook:MaxRecordBytes"] = (size + slack).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync(name, MonthReportWriter.ToBytes(report));

        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync(name, CancellationToken.None);

        Assert.Equal(expected, outcome.Status);
        var stored = await pipeline.Get<RecordStore>().GetAsync(Licence, outcome.UploadId, CancellationToken.None);
        if (expected == UploadOutcomeStatus.Accepted)
        {
            Assert.Equal(report.Rows, Assert.IsType<ConsumptionReport>(stored).Rows);
            return;
        }

        Assert.Null(stored);
        Assert.Null(await pipeline.Get<AssessmentStore>().GetAsync(Q1, Licence, CancellationToken.None));
        // The sizes in MiB to one decimal: a record of a few kilobytes is 0.0 MiB, and so is the limit just under it.
        Assert.Equal("report-too-large", outcome.FirstIssue?.Code);
        Assert.True(size < 0.05m * 1024 * 1024, $"the sample's records are {size} bytes");
        Assert.Equal((0m, 0m), (decimal.Parse(outcome.FirstIssue!["size_mib"]!.Invariant, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(outcome.FirstIssue!["max_mib"]!.Invariant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>How many bytes the records of <paramref name="report"/> take in storage, as a first pipeline with the default limits stored them.</summary>
    private async Task<long> StoredRecordSizeAsync(ConsumptionReport report, string name)
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        await pipeline.UploadAsync(name, MonthReportWriter.ToBytes(report));
        var outcome = await pipeline.Get<UploadProcessor>().ProcessBlobAsync(name, CancellationToken.None);
        var blob = pipeline.Clients.Records.GetBlobClient(RecordStore.BlobName(SubmissionLedger.PartitionFor(Licence), outcome.UploadId));
        return (await blob.GetPropertiesAsync()).Value.ContentLength;
    }

    [Fact]
    public async Task Lost_feedback_is_written_again_in_the_language_it_was_first_written_in_unless_its_file_has_changed()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var registry = SampleFiles.SampleRegistry();
        await pipeline.ImportRegistryAsync(InKazakh(registry));
        var broken = File.ReadAllBytes(Path.Combine(RepositoryPaths.BrokenSamples, "several-problems.xlsx"));
        await pipeline.UploadAsync($"{Licence}/march.xlsx", broken);
        await pipeline.UploadAsync($"{Licence}/february.xlsx", broken);
        var processor = pipeline.Get<UploadProcessor>();
        var kept = await processor.ProcessBlobAsync($"{Licence}/march.xlsx", CancellationToken.None);
        var changed = await processor.ProcessBlobAsync($"{Licence}/february.xlsx", CancellationToken.None);
        Assert.Equal((UploadOutcomeStatus.Rejected, UploadOutcomeStatus.Rejected), (kept.Status, changed.Status));
        // The registry now says Russian: the repair must still write Kazakh, the language the miner was first answered in.
        await pipeline.ImportRegistryAsync(registry);
        var feedback = pipeline.Get<FeedbackStore>();
        foreach (var upload in new[] { kept.UploadId, changed.UploadId })
        {
            await pipeline.Clients.Feedback.DeleteBlobAsync($"{Licence}/{upload}.json");
            await pipeline.Clients.Feedback.DeleteBlobAsync($"{Licence}/{upload}.annotated.xlsx");
        }

        // February's file is replaced meanwhile: its feedback would describe another file, so it is not rewritten.
        await pipeline.UploadAsync($"{Licence}/february.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        var findings = new List<Reporting.Application.Audit.AuditFinding>();
        await pipeline.Get<Reporting.Application.Audit.StateAuditor>().AuditLicenceAsync(SubmissionLedger.PartitionFor(Licence), repair: true, findings.Add, CancellationToken.None);

        var missing = findings.Where(f => f.Kind == Reporting.Application.Audit.DriftKind.FeedbackMissing).ToDictionary(f => f.UploadId!, f => f.Repaired);
        Assert.Equal(new Dictionary<string, bool> { [kept.UploadId] = true, [changed.UploadId] = false }, missing);
        using var json = await FeedbackAsync(pipeline, kept.UploadId);
        Assert.Equal(("kk", "rejected"), (json.RootElement.GetProperty("language").GetString(), json.RootElement.GetProperty("status").GetString()));
        var annotated = await feedback.GetAsync($"{Licence}/{kept.UploadId}.annotated.xlsx", CancellationToken.None);
        using var workbook = new ClosedXML.Excel.XLWorkbook(annotated!.ToStream());
        Assert.Equal(MessageCatalog.Default.In(Language.Kk)[Reporting.Excel.Feedback.FeedbackTexts.ProblemsSheet], workbook.Worksheets.First().Name);
        Assert.Null(await feedback.GetAsync($"{Licence}/{changed.UploadId}.json", CancellationToken.None));
    }

    [Fact]
    public async Task Lost_records_are_rebuilt_from_the_same_file_only_and_a_file_of_exactly_the_size_limit_is_read_again()
    {
        // Workbook:MaxBytes is exactly the size of the files: they are read, on upload and again for a repair.
        var (dataset, miner) = SampleFiles.SampleMiner();
        var january = MonthReportWriter.ToBytes(dataset.Consumption(miner, new Month(2025, 1)));
        var february = MonthReportWriter.ToBytes(dataset.Consumption(miner, new Month(2025, 2)));
        var limit = Math.Max(january.Length, february.Length);
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString,
            new Dictionary<string, string?> { ["Workbook:MaxBytes"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var largest = january.Length >= february.Length ? "january" : "february";
        await pipeline.UploadAsync($"{Licence}/january.xlsx", january);
        await pipeline.UploadAsync($"{Licence}/february.xlsx", february);
        var processor = pipeline.Get<UploadProcessor>();
        var outcomes = new Dictionary<string, UploadOutcome>();
        foreach (var name in new[] { "january", "february" }) outcomes[name] = await processor.ProcessBlobAsync($"{Licence}/{name}.xlsx", CancellationToken.None);
        Assert.All(outcomes.Values, o => Assert.Equal(UploadOutcomeStatus.Accepted, o.Status));
        var partition = SubmissionLedger.PartitionFor(Licence);
        foreach (var o in outcomes.Values) await pipeline.Clients.Records.DeleteBlobAsync(RecordStore.BlobName(partition, o.UploadId));
        // The file that is not the largest is overwritten with another month's report: its lost records cannot be rebuilt from it.
        var other = largest == "january" ? "february" : "january";
        await pipeline.UploadAsync($"{Licence}/{other}.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, new Month(2025, 3))));

        var findings = new List<Reporting.Application.Audit.AuditFinding>();
        await pipeline.Get<Reporting.Application.Audit.StateAuditor>().AuditLicenceAsync(partition, repair: true, findings.Add, CancellationToken.None);

        var records = findings.Where(f => f.Kind == Reporting.Application.Audit.DriftKind.RecordsMissing).ToDictionary(f => f.UploadId!, f => f.Repaired);
        Assert.Equal(new Dictionary<string, bool> { [outcomes[largest].UploadId] = true, [outcomes[other].UploadId] = false }, records);
        var store = pipeline.Get<RecordStore>();
        Assert.NotNull(await store.GetAsync(partition, outcomes[largest].UploadId, CancellationToken.None));
        Assert.Null(await store.GetAsync(partition, outcomes[other].UploadId, CancellationToken.None));
    }

    [Fact]
    public void A_sweep_has_failures_when_an_upload_failed_or_another_step_did()
    {
        UploadOutcome Outcome(UploadOutcomeStatus status) => new($"{Licence}/a.xlsx", "id", status, null, null, null, 0, 0, null, null);

        Assert.False(new SweepResult([Outcome(UploadOutcomeStatus.Accepted), Outcome(UploadOutcomeStatus.Rejected)], 2, 0, []).HasFailures);
        Assert.True(new SweepResult([Outcome(UploadOutcomeStatus.Accepted), Outcome(UploadOutcomeStatus.Failed)], 2, 0, []).HasFailures);
        Assert.True(new SweepResult([Outcome(UploadOutcomeStatus.Accepted)], 1, 0, [new SweepFailure("re-assessment", "timeout")]).HasFailures);
    }

    /// <summary>The registry with <see cref="Licence"/>'s holder reading Kazakh (the default is Russian).</summary>
    private static Domain.Registry.Registry InKazakh(Domain.Registry.Registry registry) =>
        registry with { Licences = [.. registry.Licences.Select(l => l.Number == Licence ? l with { Language = Language.Kk } : l)] };

    /// <summary>
    /// A new deployment: only the upload container exists (the portal or the miner's client created it with the blob), and
    /// it holds the sample March report; nothing else under the pipeline's prefix has been created.
    /// </summary>
    private async Task<TestPipeline> NeverUsedStorageWithOneUploadAsync(Microsoft.Extensions.Logging.LogLevel logLevel = Microsoft.Extensions.Logging.LogLevel.Warning)
    {
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, createStorage: false, logLevel: logLevel);
        await pipeline.Clients.Uploads.CreateIfNotExistsAsync();
        await pipeline.UploadAsync($"{Licence}/march.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        return pipeline;
    }

    private static async Task<JsonDocument> FeedbackAsync(TestPipeline pipeline, string uploadId) =>
        JsonDocument.Parse((await pipeline.Get<FeedbackStore>().GetAsync($"{Licence}/{uploadId}.json", CancellationToken.None))!.ToString());
}
