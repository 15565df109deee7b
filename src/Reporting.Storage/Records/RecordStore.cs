using Azure;
using Azure.Storage.Blobs.Models;
using Reporting.Domain.Reports;

namespace Reporting.Storage.Records;

/// <summary>
/// The records of every valid upload, one JSON blob each in the records container (<c>{licence}/{uploadId}.json</c>):
/// a report of any size fits (a table entity holds 1 MiB), and it is written before the upload's decision, so a
/// quarter state never points at an upload whose records are missing. Create-once: an upload id's records never
/// change, so a retry finds them written.
/// </summary>
public sealed class RecordStore(StorageClients clients)
{
    public static string BlobName(string partitionKey, string uploadId) => $"{partitionKey}/{uploadId}.json";

    /// <summary>Writes the records unless they are there; the same upload always has the same records.</summary>
    public async Task PutAsync(string partitionKey, string uploadId, byte[] records, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Records.GetBlobClient(BlobName(partitionKey, uploadId)).UploadAsync(new BinaryData(records), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written by an earlier attempt of the same upload.
        }
    }

    /// <summary>The records of an upload, or null when they are not stored (never written, or lost with the storage's data).</summary>
    public async Task<MonthReport?> GetAsync(string partitionKey, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            var content = (await clients.Records.GetBlobClient(BlobName(partitionKey, uploadId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
            return RecordCodec.Deserialize(content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string partitionKey, string uploadId, CancellationToken cancellationToken) =>
        (await clients.Records.GetBlobClient(BlobName(partitionKey, uploadId)).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
}
