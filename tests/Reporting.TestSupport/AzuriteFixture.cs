using System.Security.Cryptography;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using Xunit;

namespace Reporting.TestSupport;

/// <summary>
/// A real storage endpoint for a test collection: the account named by REPORTING_TEST_STORAGE when set,
/// otherwise an Azurite started here (in memory, loopback, free ports) and stopped at the end.
/// Each test takes its own name prefix, so tests never see each other's containers and tables.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "REPORTING_TEST_STORAGE";

    private AzuriteServer? _server;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The Azurite this fixture started, or null when tests use REPORTING_TEST_STORAGE.</summary>
    public AzuriteServer? Server => _server;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            return;
        }

        _server = await AzuriteServer.StartAsync();
        ConnectionString = _server.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>Storage options with a fresh, unique name prefix.</summary>
    public StorageOptions NewStorageOptions() => new()
    {
        ConnectionString = ConnectionString,
        NamePrefix = UniquePrefix(),
    };

    public static string UniquePrefix() => "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
}
