using Azure.Data.Tables;

namespace Reporting.Storage;

/// <summary>
/// Table transactions the way Azure accepts them: one partition key and at most 100 actions per
/// transaction, and a request body under 4 MiB. Azurite accepts mixed partitions where Azure rejects
/// them, so the rule is enforced here rather than discovered in production.
/// </summary>
public sealed class PartitionBatch
{
    public const int MaxActions = 100;

    // Azure's limit is 4 MiB per transaction body; leave room for the multipart envelope.
    public const long MaxBodyBytes = 3_500_000;

    private readonly List<List<TableTransactionAction>> _chunks = [];
    private long _chunkBytes;

    public PartitionBatch(string partitionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        PartitionKey = partitionKey;
    }

    public string PartitionKey { get; }

    public int Count => _chunks.Sum(c => c.Count);

    /// <summary>The transactions to submit, each within Azure's limits.</summary>
    public IReadOnlyList<IReadOnlyList<TableTransactionAction>> Transactions => _chunks;

    public PartitionBatch Add(TableTransactionActionType type, ITableEntity entity)
    {
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"A table transaction holds one partition: '{entity.PartitionKey}' cannot join partition '{PartitionKey}'.");
        }

        var size = EstimateBytes(entity);
        if (size > MaxBodyBytes)
            throw new InvalidOperationException($"Entity {entity.PartitionKey}/{entity.RowKey} is about {size} bytes; a transaction body must stay under {MaxBodyBytes}.");

        if (_chunks.Count == 0 || _chunks[^1].Count >= MaxActions || _chunkBytes + size > MaxBodyBytes)
        {
            _chunks.Add([]);
            _chunkBytes = 0;
        }

        _chunks[^1].Add(new TableTransactionAction(type, entity));
        _chunkBytes += size;
        return this;
    }

    /// <summary>
    /// Submits every transaction in order and returns the new ETag of every action, in order (empty for
    /// deletes). A failed transaction leaves the later ones unsent.
    /// </summary>
    public async Task<IReadOnlyList<Azure.ETag>> SubmitAsync(TableClient table, CancellationToken cancellationToken = default)
    {
        var etags = new List<Azure.ETag>(Count);
        foreach (var chunk in _chunks)
        {
            var responses = (await table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false)).Value;
            etags.AddRange(responses.Select(r => r.Headers.ETag ?? default));
        }

        return etags;
    }

    /// <summary>A generous estimate of an entity's share of the transaction body (UTF-16 worst case).</summary>
    internal static long EstimateBytes(ITableEntity entity)
    {
        long bytes = 512 + 2L * (entity.PartitionKey.Length + entity.RowKey.Length);
        if (entity is TableEntity dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                bytes += 64 + 2L * key.Length + value switch
                {
                    string s => 2L * s.Length,
                    byte[] b => b.Length * 4L / 3 + 4,
                    _ => 32,
                };
            }
        }
        else
        {
            foreach (var property in entity.GetType().GetProperties())
            {
                var value = property.GetValue(entity);
                bytes += 64 + 2L * property.Name.Length + value switch
                {
                    string s => 2L * s.Length,
                    byte[] b => b.Length * 4L / 3 + 4,
                    _ => 32,
                };
            }
        }

        return bytes;
    }
}
