using Azure.Data.Tables;

namespace Reporting.Storage.Ledger;

/// <summary>What the last complete sweep of a licence folder saw (PK "folder", RK the folder's ledger partition).</summary>
public sealed record SweepFolderEntity : TableRow
{
    /// <summary>SHA-256 of the rules and registry versions and every upload's name and ETag in the folder.</summary>
    public string Fingerprint { get; set; } = "";

    public int Uploads { get; set; }
    public DateTimeOffset SweptAt { get; set; }
}

/// <summary>
/// The sweep's memory: a folder whose fingerprint is unchanged since its last complete sweep has nothing to process and
/// nothing to re-assess, so the sweep skips it; what a sweep costs then follows what changed, not all uploads ever made.
/// </summary>
public sealed class SweepFolderStore(StorageClients clients)
{
    private const string Partition = "folder";

    private TableClient Table => clients.Table(TableName.SweepFolders);

    /// <summary>The fingerprint of every folder swept completely at least once, by ledger partition.</summary>
    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(CancellationToken cancellationToken)
    {
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<SweepFolderEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            fingerprints[e.RowKey] = e.Fingerprint;
        return fingerprints;
    }

    public async Task SaveAsync(string partitionKey, string fingerprint, int uploads, DateTimeOffset at, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new SweepFolderEntity
        {
            PartitionKey = Partition,
            RowKey = partitionKey,
            Fingerprint = fingerprint,
            Uploads = uploads,
            SweptAt = at.ToUniversalTime(),
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
}
