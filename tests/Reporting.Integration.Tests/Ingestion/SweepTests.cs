using Reporting.Domain;
using Reporting.Domain.Consolidation;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class SweepTests(AzuriteFixture azurite)
{
    private static readonly Quarter Quarter = new(2025, 1);

    [Fact]
    public async Task Two_hundred_uploads_with_8_way_concurrency_give_200_submissions_and_the_right_totals_and_a_replay_changes_nothing()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ingestion:MaxParallelism"] = "8" });
        var dataset = new SampleDataset();
        await pipeline.ImportRegistryAsync(dataset.Registry(Quarter.Months));
        // 34 licences x 3 months x 2 kinds = 204; keep exactly 200 uploads.
        var miners = dataset.Profiles.Where(p => Quarter.Months.All(p.Licence.IsActiveIn)).Take(34).ToArray();
        var consumption = new List<ConsumptionReport>();
        var uploads = 0;
        foreach (var miner in miners)
        {
            foreach (var month in Quarter.Months)
            {
                if (uploads == 200) break;
                var report = dataset.Consumption(miner, month);
                consumption.Add(report);
                await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-consumption.xlsx", MonthReportWriter.ToBytes(report));
                uploads++;
                if (uploads == 200) break;
                await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miner, month)));
                uploads++;
            }
        }

        var sweeper = pipeline.Get<UploadSweeper>();
        var result = await sweeper.SweepAsync();

        Assert.Equal(200, result.BlobsSeen);
        Assert.Equal(200, result.Outcomes.Count);
        Assert.True(200 == result.Count(UploadOutcomeStatus.Accepted), string.Join("\n", result.Outcomes.Where(o => o.Status != UploadOutcomeStatus.Accepted).Select(o => $"{o.Blob} {o.Status} {o.FirstIssue} {o.Detail}")));
        var submissions = 0;
        foreach (var miner in miners) submissions += (await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(miner.Licence.Number, CancellationToken.None)).Count;
        Assert.Equal(200, submissions);

        var stored = new List<AssessmentSummary>();
        await foreach (var a in pipeline.Get<AssessmentStore>().ListAsync(Quarter)) stored.Add(a);
        Assert.Equal(miners.Length, stored.Count);
        Assert.Equal(Recompute.Kwh(consumption), stored.Sum(a => a.KwhTotal));
        Assert.Equal(consumption.GroupBy(c => c.Licence).Sum(g => Recompute.FlatFee2024(g)), stored.Sum(a => a.FeeKzt));

        var before = await UploadProcessingTests.Snapshot(pipeline);
        var replay = await sweeper.SweepAsync();
        Assert.Empty(replay.Outcomes);
        Assert.Equal(0, replay.Reassessed);
        Assert.Equal(before, await UploadProcessingTests.Snapshot(pipeline));

        // Every event delivered again to the blob-trigger path, 8 at a time (at-least-once delivery): nothing changes either.
        var processor = pipeline.Get<UploadProcessor>();
        var names = new List<string>();
        await foreach (var blob in pipeline.Clients.Uploads.GetBlobsAsync()) names.Add(blob.Name);
        var redelivered = new System.Collections.Concurrent.ConcurrentBag<UploadOutcomeStatus>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, token) =>
            redelivered.Add((await processor.ProcessBlobAsync(name, token)).Status));
        Assert.Equal(200, redelivered.Count(s => s == UploadOutcomeStatus.AlreadyProcessed));
        Assert.Equal(before, await UploadProcessingTests.Snapshot(pipeline));
    }

    [Fact]
    public async Task Uploads_of_one_licence_processed_at_once_all_count_and_the_assessment_sees_them_all()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var dataset = new SampleDataset();
        await pipeline.ImportRegistryAsync(dataset.Registry(Quarter.Months));
        var miner = dataset.Profiles.First(p => Quarter.Months.All(p.Licence.IsActiveIn));
        var reports = Quarter.Months.Select(m => (MonthReport)dataset.Consumption(miner, m)).Concat(Quarter.Months.Select(m => dataset.Sales(miner, m))).ToArray();
        var names = new List<string>();
        foreach (var report in reports)
        {
            var name = $"{miner.Licence.Number}/{report.Period}-{report.Kind.Code()}.xlsx";
            await pipeline.UploadAsync(name, MonthReportWriter.ToBytes(report));
            names.Add(name);
        }

        // Six trigger invocations at once for the same licence and quarter, plus each delivered twice.
        var processor = pipeline.Get<UploadProcessor>();
        var outcomes = await Task.WhenAll(names.Concat(names).Select(n => Task.Run(() => processor.ProcessBlobAsync(n, CancellationToken.None))));

        // A delivery racing its twin reports "accepted" or "already-processed"; either way one submission per upload.
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { UploadOutcomeStatus.Accepted, UploadOutcomeStatus.AlreadyProcessed }));
        Assert.Equal(6, outcomes.Where(o => o.Status == UploadOutcomeStatus.Accepted).Select(o => o.UploadId).Distinct().Count());
        Assert.Equal(6, (await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(miner.Licence.Number, CancellationToken.None)).Count);
        var inputs = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(miner.Licence.Number, Quarter, CancellationToken.None);
        Assert.Equal(6, inputs.Pointers.Count);
        Assert.Equal(6, inputs.Revision);
        var stored = await pipeline.Get<AssessmentStore>().GetAsync(Quarter, miner.Licence.Number, CancellationToken.None);
        Assert.Equal(6, stored!.InputRevision);
        Assert.Equal(6, stored.Inputs.Count);
        Assert.Equal(Recompute.FlatFee2024(reports.OfType<ConsumptionReport>()), stored.FeeKzt);
    }

    [Fact]
    public async Task Uploads_outside_a_folder_and_garbage_are_rejected_not_thrown()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.UploadAsync("report.xlsx", MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        await pipeline.UploadAsync("KZ-DM-0016/notes.txt", System.Text.Encoding.UTF8.GetBytes("hello"));
        await pipeline.UploadAsync("KZ-DM-0016/empty.xlsx", []);

        var result = await pipeline.Get<UploadSweeper>().SweepAsync();

        Assert.Equal(3, result.Count(UploadOutcomeStatus.Rejected));
        Assert.Equal("licence-path-mismatch", result.Outcomes.Single(o => o.Blob == "report.xlsx").FirstIssue?.Code);
        Assert.All(result.Outcomes.Where(o => o.Blob.StartsWith("KZ", StringComparison.Ordinal)), o => Assert.Equal("not-a-workbook", o.FirstIssue?.Code));
    }
}
