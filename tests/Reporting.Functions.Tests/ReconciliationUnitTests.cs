using Reporting.Application.Ingestion;
using Reporting.Application.Work;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.ExternalStandIn;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.Storage.Reconciliation;
using Reporting.TestSupport;
using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>
/// Reconciliation units through the real worker, against the local stand-in of the external systems: a source that is
/// down costs only its own unit (the others' findings are stored, the month is partial), and a unit whose instance dies
/// mid-way is completed by its returning message with nothing doubled.
/// </summary>
public sealed class ReconciliationUnitTests(ReconciliationUnitTests.Fixture fixture) : IClassFixture<ReconciliationUnitTests.Fixture>
{
    private static readonly Month March = new(2025, 3);

    [Fact]
    public async Task With_the_pools_failing_the_exchange_and_market_operator_findings_are_stored_and_the_month_is_partial()
    {
        await using var worker = await fixture.StartWorkerAsync();
        fixture.StandIn.Faults.Set(StandInApi.Distributions, FaultPlan.ServerError(statusCode: 503));
        try
        {
            const string batch = "20260115T023000Z";
            foreach (var source in new[] { FindingSource.Pools, FindingSource.Exchange, FindingSource.MarketOperator })
            {
                var result = await worker.InvokeQueueAsync("RunReconciliation", WorkUnit.Reconcile(March, source, batch).ToMessage(), dequeueCount: 1);
                Assert.True(result.Succeeded, result.ToString()); // a source that is down is a state of the run, not a failed unit
            }

            var store = fixture.Pipeline.Get<FindingStore>();
            var latest = await store.LatestRunsAsync(March, CancellationToken.None);
            Assert.Equal(SourceState.Unavailable, latest[FindingSource.Pools].State);
            Assert.Equal(SourceState.Available, latest[FindingSource.Exchange].State);
            Assert.Equal(SourceState.Available, latest[FindingSource.MarketOperator].State);
            var stored = await store.ListAsync(March, CancellationToken.None);
            // The differences planted in the external data for March against these two sources are all found and stored.
            var planted = fixture.External.Discrepancies.Where(d => d.Month == March && d.Code is "sale-unconfirmed" or "consumption-mismatch").ToArray();
            Assert.NotEmpty(planted);
            foreach (var (code, licence, _, subject) in planted)
                Assert.Contains(stored, f => f.Code == code && f.Licence == licence && (subject is null || f.Subject == subject));
        }
        finally
        {
            fixture.StandIn.Faults.Clear();
        }
    }

    [Fact]
    public async Task A_unit_whose_instance_dies_mid_way_is_completed_by_its_returning_message_with_nothing_doubled()
    {
        var month = new Month(2025, 2);
        var message = WorkUnit.Reconcile(month, FindingSource.Pools, "20260116T023000Z").ToMessage();
        var store = fixture.Pipeline.Get<FindingStore>();

        // The pools answer slowly: the instance dies while the unit waits for its first answer.
        fixture.StandIn.Faults.Set(StandInApi.Distributions, FaultPlan.Slow(TimeSpan.FromSeconds(30)));
        var before = fixture.StandIn.Requests.Count(StandInApi.Distributions);
        await using (var doomed = await fixture.StartWorkerAsync())
        {
            var invocation = doomed.InvokeQueueAsync("RunReconciliation", message, dequeueCount: 1);
            await Until(() => fixture.StandIn.Requests.Count(StandInApi.Distributions) > before);
            await doomed.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => invocation);
        }

        Assert.Empty(await store.ListRunsAsync(month, CancellationToken.None)); // nothing was saved by the dead unit

        // The message comes back (its visibility timeout ends) to another instance, with the source healthy again.
        fixture.StandIn.Faults.Clear();
        await using var worker = await fixture.StartWorkerAsync();
        var redelivered = await worker.InvokeQueueAsync("RunReconciliation", message, dequeueCount: 2);
        var again = await worker.InvokeQueueAsync("RunReconciliation", message, dequeueCount: 3);

        Assert.True(redelivered.Succeeded, redelivered.ToString());
        Assert.True(again.Succeeded, again.ToString());
        var run = Assert.Single(await store.ListRunsAsync(month, CancellationToken.None));
        Assert.Equal((FindingSource.Pools, SourceState.Available), (run.Source, run.State));
        var pools = (await store.ListAsync(month, CancellationToken.None)).Where(f => f.Source == FindingSource.Pools).ToArray();
        Assert.Equal(run.Findings, pools.Length);
        Assert.Equal(pools.Length, pools.Select(f => f.Key).Distinct().Count());
        var planted = fixture.External.Discrepancies.Where(d => d.Month == month && d.Code == "mined-mismatch").ToArray();
        Assert.All(planted, p => Assert.Contains(pools, f => f.Licence == p.Licence && f.Code == p.Code));
    }

    /// <summary>Waits (bounded) until a condition holds: the stand-in has received the request.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>A quarter of generated uploads, ingested, the external systems' data on a stand-in, and workers configured for both.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private const string ApiKey = "worker-test-key";
        private AzuriteServer? _azurite;
        private TestPipeline? _pipeline;
        private TempDirectory? _folder;
        private ExternalStandInServer? _standIn;

        public TestPipeline Pipeline => _pipeline!;
        public ExternalStandInServer StandIn => _standIn!;
        public ExternalDataPlan External { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var plan = DemoPlan.Create(new DemoOptions { Licences = 8, From = new Month(2025, 1), To = March, Seed = 21, MissingShare = 0, BrokenShare = 0 });
            External = ExternalDataPlan.Create(plan, seed: 21, discrepancyShare: 0.3);
            _folder = new TempDirectory();
            External.WriteTo(_folder.Path);
            _standIn = await ExternalStandInServer.StartAsync(new StandInOptions { DataFolder = _folder.Path, ApiKey = ApiKey });
            _azurite = await FunctionsApp.StartAzuriteAsync();
            _pipeline = await TestPipeline.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:NamePrefix"] = "", ["Ingestion:TrustReceivedAtMetadata"] = "true" });
            await _pipeline.ImportRegistryAsync(plan.Registry);
            foreach (var upload in plan.Uploads) await _pipeline.UploadAsync(upload.BlobName, upload.Content, upload.ReceivedAt);
            var sweep = await _pipeline.Get<UploadSweeper>().SweepAsync();
            Assert.False(sweep.HasFailures);
        }

        /// <summary>A worker from the sample settings, its external sources pointed at the stand-in with short back-off.</summary>
        public async Task<FunctionsWorker> StartWorkerAsync()
        {
            var settings = new Dictionary<string, string?>();
            foreach (var source in new[] { "MarketOperator", "Exchange", "Pools" })
            {
                settings[$"ExternalSources__{source}__BaseUrl"] = StandIn.BaseUrl.ToString();
                settings[$"ExternalSources__{source}__ApiKey"] = ApiKey;
                settings[$"ExternalSources__{source}__BaseDelay"] = "00:00:00.01";
            }

            var worker = await FunctionsWorker.StartAsync(FunctionsApp.Directory, FunctionsApp.SampleSettings(_azurite!.ConnectionString, settings));
            await worker.LoadAllAsync();
            return worker;
        }

        public async Task DisposeAsync()
        {
            if (_pipeline is not null) await _pipeline.DisposeAsync();
            if (_standIn is not null) await _standIn.DisposeAsync();
            if (_azurite is not null) await _azurite.DisposeAsync();
            _folder?.Dispose();
        }
    }
}
