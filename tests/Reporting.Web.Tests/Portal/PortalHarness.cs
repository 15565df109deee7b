using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Reporting.Domain.Registry;
using Reporting.Samples;
using Reporting.TestSupport;
using Reporting.Web.Hosting;

namespace Reporting.Web.Tests.Portal;

/// <summary>
/// The portal as `reporting serve` runs it (PortalServer on 127.0.0.1, development sign-in, uploads processed on receipt)
/// over the pipeline on a real Azurite with its own name prefix, the sample registry with three portal users, and a fake
/// clock (the upload's name and the "period in the future" check read it).
/// </summary>
public sealed class PortalHarness : IAsyncDisposable
{
    /// <summary>7 April 2025, 11:00 in Astana: March 2025 is the month just closed.</summary>
    public static readonly DateTimeOffset Now = new(2025, 4, 7, 6, 0, 0, TimeSpan.Zero);

    public const string MinerUser = "aigerim.sadykova@ustirt-mining.kz";
    public const string OtherMinerUser = "b.nurlanov@other-mining.kz";
    public const string CommitteeUser = "analyst@kgd.gov.kz";

    private PortalHarness(TestPipeline pipeline, PortalServer server, FakeTimeProvider time, string licence, string otherLicence)
    {
        Pipeline = pipeline;
        Server = server;
        Time = time;
        Licence = licence;
        OtherLicence = otherLicence;
    }

    public TestPipeline Pipeline { get; }
    public PortalServer Server { get; }
    public FakeTimeProvider Time { get; }

    /// <summary>The sample miner's licence (MinerUser's).</summary>
    public string Licence { get; }

    /// <summary>Another licence of the registry (OtherMinerUser's).</summary>
    public string OtherLicence { get; }

    /// <param name="azurite">The collection's storage.</param>
    /// <param name="settings">More settings for both the pipeline and the portal (e.g. a small Workbook:MaxBytes).</param>
    /// <param name="configure">More registrations of the portal's host.</param>
    public static async Task<PortalHarness> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(Now);
        var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, settings?.ToDictionary(), time);
        var registry = SampleFiles.SampleRegistry();
        var licence = SampleFiles.SampleMiner().Miner.Licence.Number;
        var other = registry.Licences.Select(l => l.Number).First(n => n != licence);
        await pipeline.ImportRegistryAsync(registry with
        {
            Users =
            [
                new RegistryUser(MinerUser, UserRole.Miner, [licence]),
                new RegistryUser(OtherMinerUser, UserRole.Miner, [other]),
                new RegistryUser(CommitteeUser, UserRole.Committee, []),
            ],
        });
        var server = await PortalServer.StartAsync(new PortalServerOptions
        {
            Port = 0,
            Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Storage:NamePrefix"] = pipeline.Prefix,
                ["Portal:StatusPollInterval"] = "00:00:00.5",
            },
            ConfigureServices = services =>
            {
                services.AddSingleton<TimeProvider>(time);
                configure?.Invoke(services);
            },
            // Warnings and errors kept for the tests (a failure must be logged with its reference).
            ConfigureLogging = logging => logging.AddFakeLogging(o => o.OutputSink = null).SetMinimumLevel(LogLevel.Warning),
        });
        return new PortalHarness(pipeline, server, time, licence, other);
    }

    public PortalClient Client() => new(Server.BaseUrl);

    /// <summary>What the portal's host logged at warning level and above.</summary>
    public FakeLogCollector Logs => Server.Services.GetRequiredService<FakeLogCollector>();

    /// <summary>Processing of an upload, as Event Grid's trigger would start it (idempotent: processing on receipt may have run).</summary>
    public Task ProcessAsync(string blobName) => Pipeline.Get<Application.Ingestion.UploadProcessor>().ProcessBlobAsync(blobName, CancellationToken.None);

    /// <summary>
    /// Waits for processing on receipt to record the outcome of <paramref name="uploadId"/> (of <see cref="Licence"/>), for a
    /// test that must not process the upload a second time concurrently (one that moves the fake clock meanwhile would
    /// have the two processings judge it on different dates). Polls storage; fails after 30 s of real time.
    /// </summary>
    public async Task<Storage.Ledger.SubmissionRow> WaitForOutcomeAsync(string uploadId)
    {
        var ledger = Pipeline.Get<Storage.Ledger.SubmissionLedger>();
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(100))
        {
            var row = (await ledger.ListSubmissionsAsync(Licence, CancellationToken.None)).FirstOrDefault(r => r.UploadId == uploadId);
            if (row is not null) return row;
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException($"Processing on receipt recorded no outcome for upload {uploadId} within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Pipeline.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "Portal";
}
