using Azure;
using Azure.Data.Tables;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

/// <summary>
/// Records how Azurite 3.37 treats ETag conditions, which the ledger design depends on: a single
/// conditional update is refused with 412 as on Azure, but inside a table transaction the condition is
/// not enforced (Azure would refuse the whole transaction). The ledger therefore makes every decision
/// with one conditional single-entity write, never with a transaction's condition.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzuriteTransactionProbe(AzuriteFixture azurite)
{
    private static readonly ETag Stale = new("W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"");

    [Fact]
    public async Task A_single_conditional_update_with_a_stale_ETag_is_refused()
    {
        var table = await TableAsync();
        await table.AddEntityAsync(new TableEntity("p", "b") { ["V"] = 1 });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "b") { ["V"] = 2 }, Stale, TableUpdateMode.Replace));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>("p", "b")).Value.GetInt32("V"));
    }

    [Fact]
    public async Task Azurite_does_not_enforce_ETag_conditions_inside_a_transaction()
    {
        if (azurite.Server is null) return; // a statement about the emulator only; Azure enforces them
        var table = await TableAsync();
        await table.AddEntityAsync(new TableEntity("p", "b") { ["V"] = 1 });

        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "b") { ["V"] = 2, ETag = Stale })]);

        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "b")).Value.GetInt32("V"));
    }

    private async Task<TableClient> TableAsync()
    {
        var table = new StorageClients(azurite.NewStorageOptions()).Table(TableName.Submissions);
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
