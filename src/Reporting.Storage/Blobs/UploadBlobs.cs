using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Reporting.Storage.Blobs;

/// <summary>
/// One version of an uploaded blob, as listed or looked up. <c>ClaimedReceivedAt</c> is the
/// <c>received_at</c> metadata an uploader may set (honoured only for trusted back-fills, see IngestionOptions).
/// </summary>
public sealed record UploadBlob(string Name, string ETag, DateTimeOffset LastModified, long Size, string? VersionId, DateTimeOffset? ClaimedReceivedAt = null)
{
    public const string ReceivedAtMetadata = "received_at";

    internal static DateTimeOffset? Claimed(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(ReceivedAtMetadata, out var text) &&
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
}

public enum DownloadStatus
{
    Downloaded,

    /// <summary>The blob is gone (deleted after the event).</summary>
    NotFound,

    /// <summary>The blob was overwritten since it was listed: that version no longer exists as such.</summary>
    Changed,
}

/// <summary>The bytes of one exact blob version and their SHA-256.</summary>
public sealed record DownloadedUpload(DownloadStatus Status, byte[] Content, string Sha256);

/// <summary>
/// The uploads container, read-only: the pipeline lists and downloads what miners wrote and never
/// deletes or overwrites it. Downloads are conditional on the ETag, so the bytes hashed and parsed are
/// exactly the version the submission names.
/// </summary>
public sealed class UploadBlobs(StorageClients clients)
{
    private BlobContainerClient Container => clients.Uploads;

    public async IAsyncEnumerable<UploadBlob> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in Container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var item in page.Values) yield return From(item);
        }
    }

    /// <summary>
    /// The blobs of one top-level folder (<see cref="FolderOf"/>): one prefix listing of "folder/"; for "" (names outside
    /// any folder, which are rare: they are refused) the whole container is listed and filtered.
    /// </summary>
    public async IAsyncEnumerable<UploadBlob> ListFolderAsync(string folder, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = folder.Length > 0 ? folder + "/" : null;
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (FolderOf(item.Name) == folder) yield return From(item);
        }
    }

    /// <summary>The top-level folder a blob is listed under: the text before its first slash, "" when there is none before it.</summary>
    public static string FolderOf(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? "" : blobName[..slash];
    }

    private static UploadBlob From(BlobItem item) =>
        new(item.Name, item.Properties.ETag?.ToString() ?? "", item.Properties.LastModified ?? DateTimeOffset.MinValue,
            item.Properties.ContentLength ?? 0, item.VersionId, UploadBlob.Claimed(item.Metadata));

    /// <summary>The current version of a blob (for the blob trigger, which knows only the name), or null if it is gone.</summary>
    public async Task<UploadBlob?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new UploadBlob(name, properties.ETag.ToString(), properties.LastModified, properties.ContentLength, properties.VersionId,
                UploadBlob.Claimed(properties.Metadata));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Downloads the blob version (streamed, hashed on the way) into memory; the caller checked its size.</summary>
    public async Task<DownloadedUpload> DownloadAsync(UploadBlob blob, CancellationToken cancellationToken)
    {
        try
        {
            var options = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(blob.ETag) } };
            var response = await Container.GetBlobClient(blob.Name).DownloadStreamingAsync(options, cancellationToken).ConfigureAwait(false);
            await using var source = response.Value.Content;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var content = new MemoryStream(checked((int)Math.Max(0, blob.Size)));
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                content.Write(buffer, 0, read);
            }

            return new DownloadedUpload(DownloadStatus.Downloaded, content.ToArray(), Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new DownloadedUpload(DownloadStatus.NotFound, [], "");
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // A deleted blob fails the ETag condition too (Azurite answers 412, not 404): only one that still exists was overwritten.
            var exists = (await Container.GetBlobClient(blob.Name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
            return new DownloadedUpload(exists ? DownloadStatus.Changed : DownloadStatus.NotFound, [], "");
        }
    }
}
