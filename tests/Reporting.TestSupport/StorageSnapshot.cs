using Azure.Data.Tables;
using Reporting.Storage;

namespace Reporting.TestSupport;

/// <summary>Every entity of the pipeline's tables and every blob of its containers, with ETags: any write shows.</summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(StorageClients clients)
    {
        var lines = new List<string>();
        foreach (var name in Enum.GetValues<TableName>())
        {
            await foreach (var e in clients.Table(name).QueryAsync<TableEntity>())
                lines.Add($"{name}|{e.PartitionKey}|{e.RowKey}|{e.ETag}");
        }

        foreach (var (label, container) in new[] { ("uploads", clients.Uploads), ("feedback", clients.Feedback), ("reports", clients.Reports), ("records", clients.Records) })
        {
            await foreach (var blob in container.GetBlobsAsync())
                lines.Add($"{label}|{blob.Name}|{blob.Properties.ETag}");
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
