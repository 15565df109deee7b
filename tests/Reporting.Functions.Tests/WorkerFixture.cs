using Reporting.Storage.Emulator;
using Reporting.TestSupport;
using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>
/// One Azurite and one worker started from exactly the sample settings (storage pointed at this Azurite,
/// no name prefix; App Service Authentication said to be on), the sample registry with the portal's users, its functions loaded, shared by the tests of the collection, which run one at a time.
/// <see cref="Pipeline"/> is the application's own services on the same storage, to seed and read back.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    private AzuriteServer? _azurite;
    private FunctionsWorker? _worker;
    private TestPipeline? _pipeline;

    public AzuriteServer Azurite => _azurite ?? throw new InvalidOperationException("Not started.");
    public FunctionsWorker Worker => _worker ?? throw new InvalidOperationException("Not started.");
    public TestPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("Not started.");

    /// <summary>Process start until every function was loaded.</summary>
    public TimeSpan StartedAndLoadedIn { get; private set; }

    public async Task InitializeAsync()
    {
        _azurite = await FunctionsApp.StartAzuriteAsync();
        _pipeline = await TestPipeline.CreateAsync(_azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:NamePrefix"] = "" });
        await _pipeline.ImportRegistryAsync(PortalUsers.Registry());

        var clock = System.Diagnostics.Stopwatch.StartNew();
        // App Service sets WEBSITE_AUTH_ENABLED when App Service Authentication is on: the portal trusts the principal header then only.
        _worker = await FunctionsWorker.StartAsync(FunctionsApp.Directory, FunctionsApp.SampleSettings(_azurite.ConnectionString,
            new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" }));
        await _worker.LoadAllAsync();
        StartedAndLoadedIn = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null) await _worker.DisposeAsync();
        if (_pipeline is not null) await _pipeline.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "Worker";
}
