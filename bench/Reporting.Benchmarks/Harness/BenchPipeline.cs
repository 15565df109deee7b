using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Application;
using Reporting.Application.Registry;
using Reporting.Excel.Registry;
using Reporting.Storage;

namespace Reporting.Benchmarks.Harness;

/// <summary>The pipeline as the hosts build it, on its own name prefix, optionally counting storage requests.</summary>
internal sealed class BenchPipeline : IAsyncDisposable
{
    private BenchPipeline(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }
    public StorageClients Clients => Get<StorageClients>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<BenchPipeline> CreateAsync(string connectionString, string prefix, HttpPipelinePolicy? counter = null, TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:NamePrefix"] = prefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        if (time is not null) services.AddSingleton(time);
        if (counter is not null)
            services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<IOptions<StorageOptions>>().Value, counter));
        services.AddReportingPipeline(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync().ConfigureAwait(false);
        return new BenchPipeline(provider);
    }

    public async Task ImportRegistryAsync(Domain.Registry.Registry registry)
    {
        var result = await Get<RegistryImportService>().ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)), CancellationToken.None).ConfigureAwait(false);
        if (!result.Valid) throw new InvalidOperationException("The benchmark's registry is invalid.");
    }

    /// <summary>Puts the files into the uploads container (not part of any measurement).</summary>
    public async Task UploadAsync(IEnumerable<GeneratedUpload> uploads, int parallelism = 8)
    {
        var container = Clients.Uploads;
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (upload, token) =>
            await container.GetBlobClient(upload.Name).UploadAsync(new BinaryData(upload.Content), token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
