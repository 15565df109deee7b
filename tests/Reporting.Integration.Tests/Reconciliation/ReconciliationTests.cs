using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Reporting.Application.Reconciliation;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Excel.Reports;
using Reporting.ExternalStandIn;
using Reporting.Integration.Tests.Cli;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reconciliation;

[Collection(AzuriteCollection.Name)]
public sealed class ReconciliationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Planted_differences_are_found_a_rerun_adds_nothing_and_the_quarterly_report_shows_them()
    {
        await using var harness = await ReconciliationHarness.StartAsync();
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString);
        var service = pipeline.Get<ReconciliationService>();

        var first = new List<ReconciliationResult>();
        foreach (var month in ReconciliationHarness.Quarter.Months) first.Add(await service.ReconcileAsync(month, sweep: false, CancellationToken.None));
        var snapshot = await ReconciliationHarness.FindingsSnapshotAsync(pipeline);
        var second = new List<ReconciliationResult>();
        foreach (var month in ReconciliationHarness.Quarter.Months) second.Add(await service.ReconcileAsync(month, sweep: false, CancellationToken.None));

        Assert.All(first, r => Assert.True(r.Complete, string.Join(", ", r.Sources.Select(s => $"{s.Key}={s.Value.State} {s.Value.Detail}"))));
        var found = first.SelectMany(r => r.Findings).ToArray();
        Assert.NotEmpty(harness.External.Discrepancies);
        foreach (var (code, licence, month, subject) in harness.External.Discrepancies)
            Assert.Contains(found, f => f.Code == code && f.Licence == licence && f.Month == month && (subject is null || f.Subject == subject));
        Assert.Equal(found.Length, found.Select(f => (f.Month, f.Key)).Distinct().Count());
        Assert.All(second, r => Assert.Equal((0, 0), (r.Added, r.Removed)));
        Assert.Equal(found.Select(f => f.Key).Order(), second.SelectMany(r => r.Findings).Select(f => f.Key).Order());
        Assert.Equal(snapshot, await ReconciliationHarness.FindingsSnapshotAsync(pipeline));

        var report = await pipeline.Get<QuarterlyReportService>().BuildAsync(ReconciliationHarness.Quarter, CancellationToken.None);
        Assert.Equal(found.Length, report.Report.Totals.Findings);
        Assert.Equal(found.Length, report.Report.Findings.Count);
    }

    [Fact]
    public async Task A_source_failing_half_the_time_never_loses_or_invents_a_finding_and_a_later_run_completes_it()
    {
        await using var harness = await ReconciliationHarness.StartAsync();
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString);
        var service = pipeline.Get<ReconciliationService>();
        var expected = new Dictionary<Month, string>();
        foreach (var month in ReconciliationHarness.Quarter.Months)
            expected[month] = Describe((await service.ReconcileAsync(month, false, CancellationToken.None)).Findings);
        Assert.Contains(expected.Values.SelectMany(f => f.Split('\n')), f => f.Contains("mismatch", StringComparison.Ordinal)); // something to find against the sources

        // Half of all requests fail. One retry policy (the clients' resilience pipeline): a licence whose calls all fail is
        // not checked in that run, and keeps the findings it had; the licences checked get the same findings as before.
        var requestsBefore = harness.StandIn.Requests.Total;
        harness.StandIn.Faults.Set(FaultPlan.ServerError(FaultPattern.Probability(0.5, seed: 42)));
        for (var round = 0; round < 3; round++)
        {
            foreach (var month in ReconciliationHarness.Quarter.Months)
            {
                var run = await service.ReconcileAsync(month, false, CancellationToken.None);
                Assert.Equal(expected[month], Describe(run.Findings));
                Assert.All(run.Sources.Values.Where(s => !s.Complete), s => Assert.Equal(SourceState.Partial, s.State));
            }
        }

        Assert.True(harness.StandIn.Requests.Total - requestsBefore > 1.5 * requestsBefore, "the faults must have forced retries");

        // Healthy again: a run checks every licence, and nothing has changed.
        harness.StandIn.Faults.Set(FaultPlan.None);
        foreach (var month in ReconciliationHarness.Quarter.Months)
        {
            var run = await service.ReconcileAsync(month, false, CancellationToken.None);
            Assert.True(run.Complete);
            Assert.Equal(expected[month], Describe(run.Findings));
        }
    }

    [Fact]
    public async Task A_licence_whose_data_a_source_cannot_give_keeps_its_findings_and_the_other_licences_are_reconciled()
    {
        await using var harness = await ReconciliationHarness.StartAsync();
        // The breaker would (rightly) open after a run of failures; here one licence fails among healthy ones.
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString, extra: new Dictionary<string, string?> { ["ExternalSources:Pools:BreakerMinimumThroughput"] = "100000" });
        var service = pipeline.Get<ReconciliationService>();
        var (_, broken, month, _) = harness.External.Discrepancies.First(d => d.Code == FindingCodes.MinedMismatch);
        var healthy = await service.ReconcileAsync(month, false, CancellationToken.None);
        var brokenFindings = Describe(healthy.Findings.Where(f => f.Source == FindingSource.Pools && f.Licence == broken));
        Assert.NotEmpty(brokenFindings);

        // The pools' data of that licence becomes unreadable (the stand-in answers 500), and another licence's payouts change.
        await File.WriteAllTextAsync(StandInData.DistributionsPath(harness.Folder.Path, broken, month.ToString()), "{ not json");
        string? other = null;
        foreach (var licence in harness.Plan.Registry.Licences.Select(l => l.Number).Where(l => l != broken))
        {
            var inputs = await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(SubmissionLedger.PartitionFor(licence), month.Quarter, CancellationToken.None);
            if (inputs.Sales.Any(r => r.Period == month && r.Mined.Count > 0)) { other = licence; break; }
        }

        Assert.NotNull(other);
        StandInData.WriteDistributions(harness.Folder.Path, other, month.ToString(), []);
        var result = await service.ReconcileAsync(month, false, CancellationToken.None);

        Assert.Equal(SourceState.Partial, result.Sources[FindingSource.Pools].State);
        Assert.Contains(broken, English.Words.Render(result.Sources[FindingSource.Pools].Detail!), StringComparison.Ordinal);
        Assert.False(result.Complete);
        Assert.Equal(brokenFindings, Describe(result.Findings.Where(f => f.Source == FindingSource.Pools && f.Licence == broken)));
        Assert.Contains(result.Findings, f => f.Source == FindingSource.Pools && f.Licence == other && f.Code == FindingCodes.MinedMismatch);
    }

    [Fact]
    public async Task A_finding_that_a_correction_removes_is_kept_as_resolved_and_is_no_longer_current()
    {
        await using var harness = await ReconciliationHarness.StartAsync();
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString);
        var service = pipeline.Get<ReconciliationService>();
        var (_, licence, month, _) = harness.External.Discrepancies.First(d => d.Code == FindingCodes.MinedMismatch);
        var before = await service.ReconcileAsync(month, false, CancellationToken.None);
        var finding = before.Findings.First(f => f.Licence == licence && f.Code == FindingCodes.MinedMismatch);

        // The pool corrects its data to what the miner reported.
        var report = (await pipeline.Get<SubmissionLedger>().LoadQuarterAsync(SubmissionLedger.PartitionFor(licence), month.Quarter, CancellationToken.None))
            .Sales.Single(s => s.Period == month);
        StandInData.WriteDistributions(harness.Folder.Path, licence, month.ToString(),
            report.Mined.Select(m => new Reporting.External.PoolDistribution(m.Received, m.Asset, m.Quantity, m.Pool, m.Wallet)).ToList());
        var after = await service.ReconcileAsync(month, false, CancellationToken.None);

        Assert.DoesNotContain(after.Findings, f => f.Key == finding.Key);
        Assert.True(after.Removed >= 1);
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var e in pipeline.Clients.Table(Reporting.Storage.TableName.Findings).QueryAsync<Azure.Data.Tables.TableEntity>()) rows.Add(e);
        var kept = Assert.Single(rows, r => r.GetString("Code") == FindingCodes.MinedMismatch && r.GetString("Licence") == licence && r.PartitionKey == month.ToString());
        Assert.NotNull(kept.GetDateTimeOffset("ResolvedAt"));
    }

    [Fact]
    public async Task When_a_source_is_down_the_run_completes_records_it_unavailable_and_keeps_its_earlier_findings()
    {
        await using var harness = await ReconciliationHarness.StartAsync();
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString);
        var service = pipeline.Get<ReconciliationService>();
        var month = harness.External.Discrepancies.FirstOrDefault(d => d.Code == FindingCodes.MinedMismatch).Month;
        Assert.NotEqual(default, month);
        var healthy = await service.ReconcileAsync(month, false, CancellationToken.None);
        var mined = healthy.Findings.Where(f => f.Code == FindingCodes.MinedMismatch).Select(f => f.Key).ToArray();
        Assert.NotEmpty(mined);

        harness.StandIn.Faults.Set(StandInApi.Distributions, FaultPlan.ServerError());
        var result = await service.ReconcileAsync(month, false, CancellationToken.None);

        Assert.False(result.Complete);
        Assert.Equal(SourceState.Unavailable, result.Sources[FindingSource.Pools].State);
        Assert.Equal(SourceState.Available, result.Sources[FindingSource.MarketOperator].State);
        Assert.Equal(SourceState.Available, result.Sources[FindingSource.Exchange].State);
        Assert.Equal(mined.Order(), result.Findings.Where(f => f.Code == FindingCodes.MinedMismatch).Select(f => f.Key).Order());
        var runs = await pipeline.Get<Reporting.Storage.Reconciliation.FindingStore>().ListRunsAsync(month, CancellationToken.None);
        Assert.Equal(8, runs.Count); // two runs by hand, each a run per source
        var latest = await pipeline.Get<Reporting.Storage.Reconciliation.FindingStore>().LatestRunsAsync(month, CancellationToken.None);
        Assert.Equal(SourceState.Unavailable, latest[FindingSource.Pools].State);
        Assert.Equal(SourceState.Available, latest[FindingSource.Exchange].State);
    }

    [Fact]
    public async Task Once_a_sources_circuit_opens_it_is_not_called_again_in_the_run_and_the_other_sources_findings_are_stored()
    {
        await using var harness = await ReconciliationHarness.StartAsync(licences: 12);
        // The breaker opens after four failed attempts in its window: one licence's call with its three retries.
        await using var pipeline = await harness.PipelineAsync(azurite.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["ExternalSources:Pools:BreakerMinimumThroughput"] = "4",
            ["ExternalSources:Pools:BreakerBreakDuration"] = "00:01:00",
        });
        var month = ReconciliationHarness.Quarter.FirstMonth;
        harness.StandIn.Faults.Set(StandInApi.Distributions, FaultPlan.ServerError(statusCode: 503));
        var before = harness.StandIn.Requests.Count(StandInApi.Distributions);

        var run = await pipeline.Get<ReconciliationService>().ReconcileSourceAsync(month, FindingSource.Pools, batch: null, CancellationToken.None);
        var others = await Task.WhenAll(new[] { FindingSource.Reports, FindingSource.MarketOperator, FindingSource.Exchange }
            .Select(s => pipeline.Get<ReconciliationService>().ReconcileSourceAsync(month, s, batch: null, CancellationToken.None)));

        var requests = harness.StandIn.Requests.Count(StandInApi.Distributions) - before;
        Assert.Equal(4, requests); // the first licence's attempts; every other licence was not asked
        Assert.Equal(SourceState.Unavailable, run.Status.State);
        var detail = English.Words.Render(run.Status.Detail!);
        Assert.Matches(@"^\d+ licences of \d+ could not be checked", detail);
        Assert.All(others, o => Assert.Equal(SourceState.Available, o.Status.State));
        var stored = await pipeline.Get<Reporting.Storage.Reconciliation.FindingStore>().ListAsync(month, CancellationToken.None);
        Assert.Equal(others.Sum(o => o.Findings), stored.Count(f => f.Source != FindingSource.Pools));
        var latest = await pipeline.Get<Reporting.Storage.Reconciliation.FindingStore>().LatestRunsAsync(month, CancellationToken.None);
        Assert.Equal(SourceState.Unavailable, latest[FindingSource.Pools].State);
    }

    [Fact]
    public async Task Missing_and_late_reports_follow_the_clock_across_the_month_and_quarter_boundary()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 10, 18, 0, 0, TimeSpan.Zero)); // 23:00 on 10 April in Kazakhstan
        var dataset = new SampleDataset();
        var march = new Month(2025, 3);
        var miners = dataset.Profiles.Where(p => p.Licence.IsActiveIn(march)).Take(2).ToArray();
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Ingestion:TrustReceivedAtMetadata"] = "true" }, clock);
        var full = dataset.Registry([march]);
        await pipeline.ImportRegistryAsync(full with { Licences = [.. miners.Select(m => m.Licence)] , Quotas = [], Equipment = [] });
        var (x, y) = (miners[0], miners[1]);
        await pipeline.UploadAsync($"{x.Licence.Number}/2025-03-consumption.xlsx", MonthReportWriter.ToBytes(dataset.Consumption(x, march)), new DateTimeOffset(2025, 4, 5, 9, 0, 0, TimeSpan.FromHours(5)));
        var service = pipeline.Get<ReconciliationService>();

        var beforeDue = await service.ReconcileAsync(march, sweep: true, CancellationToken.None);
        clock.SetUtcNow(new DateTimeOffset(2025, 4, 10, 19, 0, 1, TimeSpan.Zero)); // 00:00:01 on 11 April in Kazakhstan
        var afterDue = await service.ReconcileAsync(march, sweep: true, CancellationToken.None);
        clock.SetUtcNow(new DateTimeOffset(2025, 4, 12, 7, 0, 0, TimeSpan.Zero));
        await pipeline.UploadAsync($"{x.Licence.Number}/2025-03-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(x, march)), clock.GetUtcNow());
        var afterLateUpload = await service.ReconcileAsync(march, sweep: true, CancellationToken.None);

        Assert.Empty(beforeDue.Findings);
        Assert.Equal(SourceState.NotConfigured, beforeDue.Sources[FindingSource.MarketOperator].State);
        Assert.True(beforeDue.Complete);
        Assert.Equal(
            [(x.Licence.Number, FindingKind.Sales), (y.Licence.Number, FindingKind.Consumption), (y.Licence.Number, FindingKind.Sales)],
            afterDue.Findings.Select(f => (f.Licence, f.Kind)).Order().ToArray());
        Assert.All(afterDue.Findings, f => Assert.Equal(FindingCodes.ReportMissing, f.Code));
        var late = Assert.Single(afterLateUpload.Findings, f => f.Code == FindingCodes.ReportLate);
        Assert.Equal((x.Licence.Number, FindingKind.Sales), (late.Licence, late.Kind));
        Assert.Equal(2, afterLateUpload.Findings.Count(f => f.Code == FindingCodes.ReportMissing));
        Assert.Equal((1, 1), (afterLateUpload.Added, afterLateUpload.Removed));
    }

    [Fact]
    public async Task The_reconcile_command_prints_findings_and_sources_as_json()
    {
        await using var storage = await AzuriteServer.StartAsync();
        Assert.Equal(0, (await CliRunner.RunAsync("registry", "import", Path.Combine(RepositoryPaths.Samples, "registry.xlsx"), "--storage", storage.ConnectionString)).ExitCode);

        var (exit, output, error) = await CliRunner.RunAsync("reconcile", "--month", "2025-03", "--storage", storage.ConnectionString, "--json");

        Assert.True(exit == 0, output + error);
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToArray();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Equal("report-missing", f.GetProperty("code").GetString());
            Assert.Equal("2025-03", f.GetProperty("month").GetString());
            Assert.Contains(f.GetProperty("kind").GetString(), new[] { "consumption", "sales" });
            Assert.StartsWith("KZ-DM-", f.GetProperty("licence").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal("available", json.RootElement.GetProperty("sources").GetProperty("reports").GetProperty("state").GetString());
        Assert.Equal("not-configured", json.RootElement.GetProperty("sources").GetProperty("pools").GetProperty("state").GetString());
    }

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Month}|{f.Key}|{string.Join(",", f.Figures.Select(x => $"{x.Name}={x.Value}"))}").Order(StringComparer.Ordinal));
}
