using System.Globalization;
using System.Text.Json;

namespace Reporting.WorkerHost;

/// <summary>What Azure's host puts into an InvocationRequest for each trigger kind (README.md of this project says where from).</summary>
public static class TriggerPayloads
{
    /// <summary>
    /// A blob trigger bound to BlobClient (deferred binding): model binding data from source
    /// "AzureStorageBlobs" whose content names the connection, container and blob (names case-sensitive).
    /// </summary>
    public static RpcValue BlobClient(string connection, string container, string blobName)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["Connection"] = connection,
            ["ContainerName"] = container,
            ["BlobName"] = blobName,
        });
        return RpcValue.FromModelBindingData("AzureStorageBlobs", "application/json", content);
    }

    /// <summary>The timer trigger's TimerInfo as the host serializes it.</summary>
    public static RpcValue Timer(DateTime last, DateTime next, DateTime lastUpdated, bool isPastDue = false) =>
        RpcValue.FromJson(
            "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":{" +
            $"\"Last\":{Date(last)},\"Next\":{Date(next)},\"LastUpdated\":{Date(lastUpdated)}}}," +
            $"\"IsPastDue\":{(isPastDue ? "true" : "false")}}}");

    /// <summary>
    /// A queue trigger's binding data (Azure.Storage.Queues extension, QueueTriggerBinding.CreateBindingData):
    /// strings stay strings; DequeueCount (long) and the times (DateTimeOffset) reach the worker as
    /// Newtonsoft.Json texts, since the host converts non-string values with JsonConvert.
    /// </summary>
    public static Dictionary<string, RpcValue> QueueMetadata(QueueMessageProperties message) => new()
    {
        ["QueueTrigger"] = RpcValue.FromString(message.Text),
        ["DequeueCount"] = RpcValue.FromJson(message.DequeueCount.ToString(CultureInfo.InvariantCulture)),
        ["ExpirationTime"] = RpcValue.FromJson(Date(message.ExpirationTime)),
        ["Id"] = RpcValue.FromString(message.Id),
        ["InsertionTime"] = RpcValue.FromJson(Date(message.InsertionTime)),
        ["NextVisibleTime"] = RpcValue.FromJson(Date(message.NextVisibleTime)),
        ["PopReceipt"] = RpcValue.FromString(message.PopReceipt),
    };

    // Newtonsoft.Json's default ISO format ("2026-01-31T10:00:00+00:00", "...Z" for UTC DateTime).
    private static string Date(DateTimeOffset value) =>
        "\"" + value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) + "\"";

    private static string Date(DateTime value) =>
        "\"" + value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture) + "\"";

}

/// <summary>A queue message as the queue listener hands it to the trigger.</summary>
public sealed record QueueMessageProperties(
    string Text,
    long DequeueCount,
    string Id,
    string PopReceipt,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleTime);
