using Azure.Data.Tables;
using Reporting.Storage;

namespace Reporting.Integration.Tests.Storage;

/// <summary>Azurite accepts what Azure rejects, so the transaction rules are checked here without it.</summary>
public sealed class PartitionBatchTests
{
    [Fact]
    public void Refuses_an_entity_of_another_partition()
    {
        var batch = new PartitionBatch("2025-Q1");
        batch.Add(TableTransactionActionType.Add, new TableEntity("2025-Q1", "a"));

        var error = Assert.Throws<InvalidOperationException>(() => batch.Add(TableTransactionActionType.Add, new TableEntity("2025-Q2", "b")));
        Assert.Contains("2025-Q2", error.Message);
        Assert.Equal(1, batch.Count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(250, 3)]
    public void Splits_into_transactions_of_at_most_100_actions(int entities, int expectedTransactions)
    {
        var batch = new PartitionBatch("p");
        for (var i = 0; i < entities; i++) batch.Add(TableTransactionActionType.UpsertReplace, new TableEntity("p", i.ToString("D5")));

        Assert.Equal(expectedTransactions, batch.Transactions.Count);
        Assert.All(batch.Transactions, t => Assert.InRange(t.Count, 1, PartitionBatch.MaxActions));
        Assert.Equal(entities, batch.Transactions.Sum(t => t.Count));
        // Order is kept, so a later action on the same row still comes after an earlier one.
        Assert.Equal(Enumerable.Range(0, entities).Select(i => i.ToString("D5")), batch.Transactions.SelectMany(t => t).Select(a => a.Entity.RowKey));
    }

    [Fact]
    public void Splits_before_the_body_size_limit()
    {
        var batch = new PartitionBatch("p");
        var large = new string('x', 30_000); // about 60 KB per entity in UTF-16
        for (var i = 0; i < 90; i++) batch.Add(TableTransactionActionType.Add, new TableEntity("p", i.ToString("D3")) { ["Json"] = large });

        Assert.True(batch.Transactions.Count >= 2);
        Assert.All(batch.Transactions, t => Assert.True(t.Sum(a => PartitionBatch.EstimateBytes(a.Entity)) <= PartitionBatch.MaxBodyBytes));
    }
}
