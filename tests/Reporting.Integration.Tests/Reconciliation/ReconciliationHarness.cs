using Azure.Data.Tables;
using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.ExternalStandIn;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Reconciliation;

/// <summary>A quarter of generated uploads, ingested, and the external systems' data served by a real stand-in.</summary>
internal sealed class ReconciliationHarness : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public static readonly Quarter Quarter = new(2025, 1);

    private ReconciliationHarness(DemoPlan plan, ExternalDataPlan external, TempDirectory folder, ExternalStandInServer standIn)
    {
        Plan = plan;
        External = external;
        Folder = folder;
        StandIn = standIn;
    }

    public DemoPlan Plan { get; }
    public ExternalDataPlan External { get; }
    public TempDirectory Folder { get; }
    public ExternalStandInServer StandIn { get; }

    public static async Task<ReconciliationHarness> StartAsync(int licences = 6)
    {
        var plan = DemoPlan.Create(new DemoOptions { Licences = licences, From = Quarter.FirstMonth, To = Quarter.LastMonth, Seed = 11, LateShare = 0.1, MissingShare = 0.05 });
        var external = ExternalDataPlan.Create(plan, seed: 11, discrepancyShare: 0.15);
        var folder = new TempDirectory();
        external.WriteTo(folder.Path);
        var standIn = await ExternalStandInServer.StartAsync(new StandInOptions { DataFolder = folder.Path, ApiKey = ApiKey });
        return new ReconciliationHarness(plan, external, folder, standIn);
    }

    /// <summary>A pipeline (own name prefix) wired to the stand-in, with the plan uploaded and ingested.</summary>
    public async Task<TestPipeline> PipelineAsync(string connectionString, TimeProvider? time = null, bool withSources = true, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ingestion:TrustReceivedAtMetadata"] = "true",
        };
        if (withSources)
        {
            foreach (var source in new[] { "MarketOperator", "Exchange", "Pools" })
            {
                settings[$"ExternalSources:{source}:BaseUrl"] = StandIn.BaseUrl.ToString();
                settings[$"ExternalSources:{source}:ApiKey"] = ApiKey;
                settings[$"ExternalSources:{source}:MaxRetries"] = "3";
                settings[$"ExternalSources:{source}:BaseDelay"] = "00:00:00.01";
                settings[$"ExternalSources:{source}:Timeout"] = "00:00:05";
                settings[$"ExternalSources:{source}:BreakerBreakDuration"] = "00:00:00.5";
                settings[$"ExternalSources:{source}:BreakerSamplingDuration"] = "00:00:02";
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var pipeline = await TestPipeline.CreateAsync(connectionString, settings, time);
        await pipeline.ImportRegistryAsync(Plan.Registry);
        foreach (var upload in Plan.Uploads) await pipeline.UploadAsync(upload.BlobName, upload.Content, upload.ReceivedAt);
        var sweep = await pipeline.Get<UploadSweeper>().SweepAsync();
        if (sweep.HasFailures) throw new InvalidOperationException("ingestion failed");
        return pipeline;
    }

    /// <summary>Every Findings row of the pipeline with its ETag: any rewrite shows.</summary>
    public static async Task<string> FindingsSnapshotAsync(TestPipeline pipeline)
    {
        var rows = new List<string>();
        await foreach (var e in pipeline.Clients.Table(TableName.Findings).QueryAsync<TableEntity>()) rows.Add($"{e.PartitionKey}|{e.RowKey}|{e.ETag}");
        rows.Sort(StringComparer.Ordinal);
        return string.Join("\n", rows);
    }

    public async ValueTask DisposeAsync()
    {
        await StandIn.DisposeAsync();
        Folder.Dispose();
    }
}
