using Azure;
using Azure.Storage.Blobs.Models;

namespace Reporting.Storage.Blobs;

/// <summary>
/// Feedback for miners in the feedback container, under the folder they uploaded to:
/// <c>{folder}/{uploadId}.json</c> and <c>{folder}/{uploadId}.annotated.xlsx</c>. Names are derived from
/// the upload, so processing an upload again writes the same files, never new ones.
/// </summary>
public sealed class FeedbackStore(StorageClients clients)
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string WorkbookContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string JsonName(string? folder, string uploadId) => $"{Folder(folder)}/{uploadId}.json";

    public static string WorkbookName(string? folder, string uploadId) => $"{Folder(folder)}/{uploadId}.annotated.xlsx";

    /// <summary>Writes the blob unless it exists; returns false when it was already there.</summary>
    public async Task<bool> PutIfAbsentAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Feedback.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Writes (or rewrites) the blob: for content that must follow the latest decision.</summary>
    public async Task PutAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken) =>
        await clients.Feedback.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken).ConfigureAwait(false);

    public async Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await clients.Feedback.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every feedback blob of a licence folder (one listing, for the audit).</summary>
    public async Task<IReadOnlySet<string>> ListNamesAsync(string? folder, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var item in clients.Feedback.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, Folder(folder) + "/", cancellationToken).ConfigureAwait(false)) names.Add(item.Name);
        return names;
    }

    private static string Folder(string? folder) => string.IsNullOrWhiteSpace(folder) ? "_root" : folder.Trim();
}
