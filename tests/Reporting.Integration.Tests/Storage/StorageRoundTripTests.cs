using System.Security.Cryptography;
using Azure.Data.Tables;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageRoundTripTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Blob_and_table_entity_round_trip_through_the_adapter()
    {
        var clients = new StorageClients(azurite.NewStorageOptions());
        await new StorageInitializer(clients, TestLogging.Null<StorageInitializer>()).EnsureCreatedAsync();

        var content = RandomNumberGenerator.GetBytes(100_000);
        var blob = clients.Uploads.GetBlobClient("123456/2025-03-consumption.xlsx");
        await blob.UploadAsync(new BinaryData(content));
        var downloaded = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(downloaded));

        var table = clients.Table(TableName.Submissions);
        var entity = new TableEntity("2025-Q1", "123456|consumption|2025-03") { ["FeeTiyn"] = 123_456_789_012L, ["Period"] = "2025-03" };
        var batch = new PartitionBatch("2025-Q1").Add(TableTransactionActionType.Add, entity);
        await batch.SubmitAsync(table);
        var read = (await table.GetEntityAsync<TableEntity>("2025-Q1", "123456|consumption|2025-03")).Value;
        Assert.Equal(123_456_789_012L, read.GetInt64("FeeTiyn"));
        Assert.Equal("2025-03", read.GetString("Period"));
    }

    [Fact]
    public async Task Initializer_creates_every_container_and_table_of_the_layout()
    {
        var clients = new StorageClients(azurite.NewStorageOptions());
        var initializer = new StorageInitializer(clients, TestLogging.Null<StorageInitializer>());
        await initializer.EnsureCreatedAsync();
        await new StorageInitializer(clients, TestLogging.Null<StorageInitializer>()).EnsureCreatedAsync(); // idempotent

        var containers = new List<string>();
        await foreach (var item in clients.Blobs.GetBlobContainersAsync(prefix: clients.Layout.Prefix)) containers.Add(item.Name);
        Assert.Equal(clients.Layout.Containers.Order(), containers.Order());

        var tables = new List<string>();
        await foreach (var item in clients.Tables.QueryAsync(t => t.Name.CompareTo(clients.Layout.Prefix) >= 0 && t.Name.CompareTo(clients.Layout.Prefix + "~") < 0)) tables.Add(item.Name);
        Assert.Equal(clients.Layout.Tables.Order(), tables.Order());
    }
}
