using Azure;
using Azure.Data.Tables;

namespace Reporting.Storage;

/// <summary>
/// What every typed table entity has: its keys and the storage's own timestamp and ETag. The entities are records, so
/// an import can compare a row's content with what is stored (IRegistryEntity.Content).
/// </summary>
public abstract record TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}
