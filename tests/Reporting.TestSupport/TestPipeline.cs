using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Application;
using Reporting.Application.Registry;
using Reporting.Excel.Registry;
using Reporting.Storage;

namespace Reporting.TestSupport;

/// <summary>
/// The whole pipeline as the hosts build it (AddReportingPipeline), against a real storage endpoint
/// with a fresh name prefix, so each test has its own containers and tables.
/// </summary>
public sealed class TestPipeline : IAsyncDisposable
{
    private TestPipeline(ServiceProvider services, string prefix)
    {
        Services = services;
        Prefix = prefix;
    }

    public ServiceProvider Services { get; }
    public string Prefix { get; }
    public StorageClients Clients => Services.GetRequiredService<StorageClients>();

    /// <summary>What the pipeline logged at warning level and above.</summary>
    public Microsoft.Extensions.Logging.Testing.FakeLogCollector Logs => Services.GetRequiredService<Microsoft.Extensions.Logging.Testing.FakeLogCollector>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// A pipeline on its own name prefix; <paramref name="logLevel"/>: the lowest level the log collector keeps;
    /// <paramref name="createStorage"/>: false leaves the prefix's containers, tables and queues uncreated (a first run on empty storage).
    /// </summary>
    public static async Task<TestPipeline> CreateAsync(string connectionString, IDictionary<string, string?>? settings = null, TimeProvider? time = null,
        LogLevel logLevel = LogLevel.Warning, bool createStorage = true)
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:NamePrefix"] = prefix,
            ["Storage:MaxRetries"] = "2",
            ["Storage:RetryDelay"] = "00:00:00.2",
            ["Storage:NetworkTimeout"] = "00:00:30",
        };
        if (settings is not null)
        {
            foreach (var (key, value) in settings) values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        // Warnings and errors are kept for the tests to read (e.g. that a failure was logged with its stack).
        services.AddLogging(b => b.SetMinimumLevel(logLevel));
        services.AddFakeLogging(o => o.OutputSink = null);
        services.AddReportingPipeline(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        if (createStorage) await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
        return new TestPipeline(provider, prefix);
    }

    public async Task<BlobClient> UploadAsync(string name, byte[] content, DateTimeOffset? receivedAt = null)
    {
        var blob = Clients.Uploads.GetBlobClient(name);
        var options = new Azure.Storage.Blobs.Models.BlobUploadOptions();
        if (receivedAt is { } at)
            options.Metadata = new Dictionary<string, string> { [Storage.Blobs.UploadBlob.ReceivedAtMetadata] = at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
        await blob.UploadAsync(new BinaryData(content), options);
        return blob;
    }

    public async Task ImportRegistryAsync(Domain.Registry.Registry registry)
    {
        var result = await Get<RegistryImportService>().ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)), CancellationToken.None);
        if (!result.Valid) throw new InvalidOperationException("The test registry is invalid: " + string.Join("; ", result.Validation.Issues.Select(i => $"{i.Location}: {i.Message}")));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
