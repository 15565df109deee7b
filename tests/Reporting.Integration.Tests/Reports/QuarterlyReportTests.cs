using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Application.Work;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Excel.Reports;
using Reporting.Integration.Tests.Ingestion;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Registry;
using Reporting.Storage.Reports;
using Reporting.Storage.Work;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reports;

[Collection(AzuriteCollection.Name)]
public sealed class QuarterlyReportTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("2025-03-31T18:59:59Z", "")]                 // 23:59:59 on 31 March in Kazakhstan: Q1 still open
    [InlineData("2025-03-31T19:00:00Z", "2025-Q1")]          // midnight in Kazakhstan: Q1 closed
    [InlineData("2025-10-02T00:00:00Z", "2025-Q1,2025-Q2,2025-Q3")]
    [InlineData("2024-12-31T19:00:00Z", "")]                 // before the first quarter
    public void Closed_quarters_follow_Kazakhstan_time(string now, string expected)
    {
        var quarters = WorkPlanner.ClosedQuarters(DateTimeOffset.Parse(now), new Quarter(2025, 1));

        Assert.Equal(expected, string.Join(",", quarters));
    }

    [Fact]
    public async Task The_timer_enqueues_every_closed_quarter_and_its_units_rebuild_only_changed_ones_and_keep_old_versions()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 31, 18, 0, 0, TimeSpan.Zero));
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Reports:FirstQuarter"] = "2025-Q1", ["Ingestion:TrustReceivedAtMetadata"] = "true" }, clock);
        var dataset = new SampleDataset();
        var months = DemoPlan.Months(new Month(2025, 1), new Month(2025, 9)).ToArray();
        var miners = dataset.Profiles.Where(p => months.All(p.Licence.IsActiveIn)).Take(3).ToArray();
        var full = dataset.Registry(months);
        var numbers = miners.Select(m => m.Licence.Number).ToHashSet();
        await pipeline.ImportRegistryAsync(full with
        {
            Licences = [.. full.Licences.Where(l => numbers.Contains(l.Number))],
            Quotas = [.. full.Quotas.Where(q => numbers.Contains(q.Licence))],
            Equipment = [.. full.Equipment.Where(e => numbers.Contains(e.Licence))],
        });
        // The timer only enqueues a unit per closed quarter; the queue's units build them (as the Functions host runs them).
        async Task<string[]> TickAsync()
        {
            await pipeline.Get<WorkScheduler>().TickAsync(WorkQueue.Report, CancellationToken.None);
            var runs = await pipeline.Get<LocalQueueHost>().RunVisibleAsync(CancellationToken.None);
            Assert.All(runs, r => Assert.Null(r.Error));
            return runs.OrderBy(r => r.Target, StringComparer.Ordinal).Select(r => $"{r.Target} {r.Done!.Summary.Code} {r.Done.Summary["version"]!.Invariant}").ToArray();
        }

        async Task<QuarterlyReport> PublishedAsync(Quarter quarter)
        {
            var result = await pipeline.Get<QuarterlyReportService>().BuildAsync(quarter, CancellationToken.None);
            Assert.False(result.Created); // what the units published is the report of the stored state
            return result.Report;
        }

        const string New = "work.done.report-new", Same = "work.done.report-unchanged";

        // Q1's reports arrive during Q1 and early April; ingested on 1 April.
        clock.SetUtcNow(new DateTimeOffset(2025, 3, 31, 18, 30, 0, TimeSpan.Zero));
        await UploadAsync(pipeline, dataset, miners, new Quarter(2025, 1), clock.GetUtcNow(), except: (miners[0], new Month(2025, 3), ReportKind.Sales));
        await pipeline.Get<UploadSweeper>().SweepAsync();
        Assert.Empty(await TickAsync()); // Q1 not closed yet in Kazakhstan

        clock.SetUtcNow(new DateTimeOffset(2025, 3, 31, 19, 0, 1, TimeSpan.Zero));
        Assert.Equal([$"2025-Q1 {New} 1"], await TickAsync());
        Assert.Equal([$"2025-Q1 {Same} 1"], await TickAsync()); // a second tick (or a redelivered message) builds nothing new
        Assert.Single((await PublishedAsync(new Quarter(2025, 1))).Missing); // miner 0's March sales report

        // Ticks are missed until October: Q2 and Q3 get built, Q1 stays as it was.
        clock.SetUtcNow(new DateTimeOffset(2025, 10, 2, 3, 0, 0, TimeSpan.Zero));
        await UploadAsync(pipeline, dataset, miners, new Quarter(2025, 2), clock.GetUtcNow());
        await UploadAsync(pipeline, dataset, miners, new Quarter(2025, 3), clock.GetUtcNow());
        await pipeline.Get<UploadSweeper>().SweepAsync();
        Assert.Equal([$"2025-Q1 {Same} 1", $"2025-Q2 {New} 1", $"2025-Q3 {New} 1"], await TickAsync());

        // The missing March report arrives late: Q1 gets a second version; the first is kept.
        await pipeline.UploadAsync($"{miners[0].Licence.Number}/2025-03-sales-late.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miners[0], new Month(2025, 3))), clock.GetUtcNow());
        await pipeline.Get<UploadSweeper>().SweepAsync();
        Assert.Equal([$"2025-Q1 {New} 2", $"2025-Q2 {Same} 1", $"2025-Q3 {Same} 1"], await TickAsync());
        var q1 = await PublishedAsync(new Quarter(2025, 1));
        Assert.Empty(q1.Missing);
        Assert.Single(q1.Late);

        var versions = await pipeline.Get<ReportStore>().ListVersionsAsync(new Quarter(2025, 1), CancellationToken.None);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        foreach (var version in versions)
        {
            Assert.True((await pipeline.Clients.Reports.GetBlobClient(version.WorkbookBlob).ExistsAsync()).Value);
            Assert.True((await pipeline.Clients.Reports.GetBlobClient(version.CsvBlob).ExistsAsync()).Value);
            Assert.StartsWith("2025-Q1/", version.WorkbookBlob, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_report_shows_its_months_reconciliation_coverage_and_the_units_that_failed_for_good_that_bear_on_it()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var findings = pipeline.Get<Reporting.Storage.Reconciliation.FindingStore>();
        var at = new DateTimeOffset(2025, 4, 11, 2, 30, 0, TimeSpan.Zero);
        var march = new Month(2025, 3);
        await findings.RecordRunAsync(new(march, FindingSource.Pools, at, SourceState.Available, null, 0, 0, 0), CancellationToken.None);
        await findings.RecordRunAsync(new(march, FindingSource.Pools, at.AddDays(1), SourceState.Partial, null, 0, 0, 0), CancellationToken.None); // the latest counts
        await findings.RecordRunAsync(new(new Month(2025, 4), FindingSource.Pools, at, SourceState.Unavailable, null, 0, 0, 0), CancellationToken.None); // another quarter
        var units = pipeline.Get<WorkUnitStore>();
        foreach (var (queue, target) in new[] { (WorkQueue.Reconcile, "2025-02/exchange"), (WorkQueue.Reconcile, "2025-05/exchange"), (WorkQueue.Report, "2024-Q4"), (WorkQueue.Sweep, "KZ-DM-0007") })
            await units.RecordAsync(new WorkUnitStatus(queue, target, "b", WorkUnitState.Poisoned, 5, at, at, null), CancellationToken.None);
        await units.RecordAsync(new WorkUnitStatus(WorkQueue.Audit, "KZ-DM-0008", "b", WorkUnitState.Failed, 2, at, at, null), CancellationToken.None); // not for good yet

        var report = (await pipeline.Get<QuarterlyReportService>().BuildAsync(new Quarter(2025, 1), CancellationToken.None)).Report;

        var coverage = Assert.Single(report.Processing.Coverage);
        Assert.Equal((march, FindingSource.Pools, SourceState.Partial), (coverage.Month, coverage.Source, coverage.State));
        Assert.Equal(["reconciliation 2025-02/exchange", "sweep KZ-DM-0007"], report.Processing.Failed.Select(f => English.Words.Render(f.Unit)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_quarter_of_2000_licences_is_built_from_paged_reads()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var quarter = new Quarter(2025, 2);
        var dataset = new SampleDataset(licences: 2000, seed: 7, registryFrom: new DateOnly(2023, 1, 1), validAtLeastUntil: new DateOnly(2026, 12, 31));
        var registry = dataset.Registry(quarter.Months);
        await pipeline.ImportRegistryAsync(registry);
        var (registryVersion, _, _) = await pipeline.Get<RegistryStore>().GetLicencesAsync(CancellationToken.None);
        var active = dataset.Profiles.Where(p => p.Licence.IsActiveIn(quarter)).ToArray();
        var reports = active.ToDictionary(p => p, p => (IReadOnlyList<ConsumptionReport>)[.. quarter.Months.Select(m => dataset.Consumption(p, m))]);
        var assessments = active.Select(p => QuarterAssessor.Assess(new AssessmentInput(p.Licence.Number, quarter, reports[p], [], registry), RuleSet.Default));
        await pipeline.Get<AssessmentStore>().LoadQuarterAsync(quarter,
            assessments.Select(a => (a, 1L, registryVersion, (IReadOnlyList<AssessmentInputRef>)[])), CancellationToken.None);

        var result = await pipeline.Get<QuarterlyReportService>().BuildAsync(quarter, CancellationToken.None);

        Assert.Equal(active.Length, result.Report.Summary.Count);
        Assert.True(active.Length > 1900);
        // Expected totals from the generated rows by the law's flat 2025 rates, not from the assessor.
        Assert.Equal(active.Sum(p => Recompute.FlatFee2024(reports[p])), result.Report.Totals.FeeKzt);
        Assert.Equal(active.Sum(p => Recompute.Kwh(reports[p])), result.Report.Totals.KwhTotal);
        Assert.Equal(active.Sum(p => Recompute.ConsumptionOnlyErrors(p.Licence, reports[p], registry.Quotas)), result.Report.Totals.Violations);
        // Nothing filed as inputs: both reports of every active month are missing.
        Assert.Equal(active.Sum(p => quarter.Months.Count(p.Licence.IsActiveIn)) * 2, result.Report.Missing.Count);
        Assert.Equal(0, result.Reassessed);
        Assert.True(result.Created);
    }

    [Fact]
    public async Task A_report_is_compared_with_the_previous_quarters_assessments_and_a_change_there_makes_a_new_version()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var (q1, q2) = (new Quarter(2025, 1), new Quarter(2025, 2));
        var dataset = new SampleDataset(licences: 6, seed: 11, registryFrom: new DateOnly(2023, 1, 1), validAtLeastUntil: new DateOnly(2026, 12, 31));
        var registry = dataset.Registry([.. q1.Months, .. q2.Months]);
        await pipeline.ImportRegistryAsync(registry);
        var (registryVersion, _, _) = await pipeline.Get<RegistryStore>().GetLicencesAsync(CancellationToken.None);
        ConsumptionReport[][] Reports(Quarter quarter) => [.. dataset.Profiles.Where(p => p.Licence.IsActiveIn(quarter)).Select(p => quarter.Months.Select(m => dataset.Consumption(p, m)).ToArray())];
        QuarterAssessment[] Assess(Quarter quarter) => [.. Reports(quarter).Select(reports => QuarterAssessor.Assess(
            new AssessmentInput(reports[0].Licence, quarter, reports, [], registry), RuleSet.Default))];
        Task Load(Quarter quarter, IEnumerable<QuarterAssessment> assessments) => pipeline.Get<AssessmentStore>().LoadQuarterAsync(quarter,
            assessments.Select(a => (a, 1L, registryVersion, (IReadOnlyList<AssessmentInputRef>)[])), CancellationToken.None);
        var first = Assess(q1);
        await Load(q1, first);
        await Load(q2, Assess(q2));
        var service = pipeline.Get<QuarterlyReportService>();

        var built = await service.BuildAsync(q2, CancellationToken.None);

        var previous = Assert.IsType<QuarterTotals>(built.Report.Comparison.PreviousQuarter);
        // Expected from the generated rows by the law's flat 2025 rates, not from the assessor.
        Assert.Equal((q1, Reports(q1).Sum(Recompute.FlatFee2024), Reports(q1).Sum(Recompute.Kwh)), (previous.Quarter, previous.FeeKzt, previous.KwhTotal));
        Assert.Null(built.Report.Comparison.SameQuarterLastYear); // nothing stored for 2024-Q2: no figures, not zeros
        // The published workbook (Russian, the default) shows them on its Overview.
        var workbook = await pipeline.Get<ReportStore>().DownloadAsync(built.Version.WorkbookBlob, CancellationToken.None);
        using (var read = new ClosedXML.Excel.XLWorkbook(workbook.ToStream()))
        {
            var overview = read.Worksheets.First();
            Assert.Equal("Обзор", overview.Name);
            var row = overview.Column(1).CellsUsed().Single(c => c.GetString() == "Предыдущий квартал: I квартал 2025\u00A0г.").Address.RowNumber;
            Assert.Equal((double)previous.FeeKzt, overview.Cell(row, 2).GetDouble());
            Assert.Equal((double)previous.KwhTotal, overview.Cell(row, 5).GetDouble());
        }

        // A corrected report changes the previous quarter's kWh: the comparison shown changes, so the quarter gets a new version.
        var corrected = first[0] with { KwhBySource = first[0].KwhBySource.ToDictionary(s => s.Key, s => s.Key == EnergySource.Grid ? s.Value + 1000 : s.Value) };
        await Load(q1, [corrected]);
        var rebuilt = await service.BuildAsync(q2, CancellationToken.None);
        var unchanged = await service.BuildAsync(q2, CancellationToken.None);

        Assert.True(rebuilt.Created);
        Assert.Equal(2, rebuilt.Version.Number);
        Assert.Equal(previous.KwhTotal + 1000, rebuilt.Report.Comparison.PreviousQuarter!.KwhTotal);
        Assert.False(unchanged.Created);
    }

    /// <summary>Each month's reports as filed on the 5th of the following month (or now, if that is earlier).</summary>
    private static async Task UploadAsync(TestPipeline pipeline, SampleDataset dataset, MinerProfile[] miners, Quarter quarter, DateTimeOffset now, (MinerProfile, Month, ReportKind)? except = null)
    {
        foreach (var miner in miners)
        {
            foreach (var month in quarter.Months)
            {
                var filed = new DateTimeOffset(month.Next.Start.AddDays(4).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(5));
                var receivedAt = filed < now ? filed : now;
                await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-consumption.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(miner, month)), receivedAt);
                if (except is { } e && e.Item1 == miner && e.Item2 == month && e.Item3 == ReportKind.Sales) continue;
                await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miner, month)), receivedAt);
            }
        }
    }
}
