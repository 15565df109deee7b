using Reporting.Cli;

namespace Reporting.Integration.Tests.Cli;

/// <summary>What --storage / REPORTING_STORAGE turns into: a connection string, or an identity-based connection to an account.</summary>
public sealed class StorageSettingsTests
{
    private static readonly CliConsole Console = new(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void A_connection_string_is_passed_on_as_it_is()
    {
        var settings = CliServices.StorageSettings(Console, "UseDevelopmentStorage=true");

        Assert.Equal(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }, settings);
    }

    [Theory]
    [InlineData("https://kzmining.blob.core.windows.net")]
    [InlineData("https://kzmining.blob.core.windows.net/reports/")]
    public void A_blob_endpoint_is_an_identity_based_connection_to_the_accounts_blobs_tables_and_queues(string endpoint)
    {
        var settings = CliServices.StorageSettings(Console, endpoint);

        Assert.Equal("", settings["Storage:ConnectionString"]);
        Assert.Equal("https://kzmining.blob.core.windows.net/", settings["Storage:BlobServiceUri"]);
        Assert.Equal("https://kzmining.table.core.windows.net/", settings["Storage:TableServiceUri"]);
        Assert.Equal("https://kzmining.queue.core.windows.net/", settings["Storage:QueueServiceUri"]);
    }

    [Fact]
    public void A_url_that_is_not_a_blob_endpoint_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => CliServices.StorageSettings(Console, "https://example.org/storage"));

        Assert.Contains("not a blob endpoint", error.Message, StringComparison.Ordinal);
    }
}
