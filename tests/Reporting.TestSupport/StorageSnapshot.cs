using Azure.Data.Tables;
using Reporting.Storage;

namespace Reporting.TestSupport;

/// <summary>
/// Every entity of the pipeline's tables and every blob of its containers, with ETags: any write shows. Tables named in the
/// ignore list are left out (WorkUnits records each delivery of a message, by design).
/// </summary>
public static class StorageSnapshot
{
    public static async Task<string> TakeAsync(StorageClients clients, params TableName[] ignore)
    {
        var lines = new List<string>();
        foreach (var name in Enum.GetValues<TableName>().Except(ignore))
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
