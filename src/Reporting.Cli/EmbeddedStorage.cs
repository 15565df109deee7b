using Reporting.Storage.Emulator;

namespace Reporting.Cli;

/// <summary>
/// The storage a command runs against: the one given (--storage / REPORTING_STORAGE), or an Azurite
/// the command starts itself and stops when done.
/// </summary>
internal sealed class EmbeddedStorage : IAsyncDisposable
{
    private readonly AzuriteServer? _azurite;

    private EmbeddedStorage(string connectionString, AzuriteServer? azurite)
    {
        ConnectionString = connectionString;
        _azurite = azurite;
    }

    public string ConnectionString { get; }
    public bool IsEmbedded => _azurite is not null;

    public static async Task<EmbeddedStorage> OpenAsync(string? storageOption, string? location, CliConsole console, CancellationToken cancellationToken)
    {
        var given = string.IsNullOrWhiteSpace(storageOption)
            ? Environment.GetEnvironmentVariable(CommonOptions.StorageEnvironmentVariable)
            : storageOption;
        if (!string.IsNullOrWhiteSpace(given)) return new EmbeddedStorage(given, null);

        if (AzuriteLocator.Find() is null) throw new UsageException(console[CliTexts.AzuriteMissing]);
        await console.Error.WriteLineAsync(location is null
            ? console[CliTexts.AzuriteStarting]
            : console.Say(CliTexts.AzuriteStartingAt.With(("folder", location)))).ConfigureAwait(false);
        var azurite = await AzuriteServer.StartAsync(new AzuriteServerOptions { Location = location }, cancellationToken).ConfigureAwait(false);
        await console.Error.WriteLineAsync(console.Say(CliTexts.AzuriteListening.With(("blob", $"127.0.0.1:{azurite.BlobPort}"), ("queue", $"127.0.0.1:{azurite.QueuePort}"),
            ("table", $"127.0.0.1:{azurite.TablePort}")))).ConfigureAwait(false);
        return new EmbeddedStorage(azurite.ConnectionString, azurite);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null) await _azurite.DisposeAsync().ConfigureAwait(false);
    }
}
