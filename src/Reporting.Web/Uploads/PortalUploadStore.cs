using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Reporting.Domain.Submissions;
using Reporting.Storage;
using Reporting.Storage.Blobs;

namespace Reporting.Web.Uploads;

/// <summary>An upload the portal stored: its blob, its id (name + ETag, as processing computes it) and when it arrived.</summary>
public sealed record StoredUpload(string BlobName, string UploadId, DateTimeOffset Received, string? OriginalName);

/// <summary>
/// The portal's writes to and reads of the uploads container. A miner's file is stored under their licence with a name the
/// app chooses, <c>{LICENCE}/{UTC yyyyMMddTHHmmssfffZ}-{random}.xlsx</c>, created only if absent (If-None-Match: *), so
/// it never overwrites an earlier upload; the name the miner's computer gave the file is kept as metadata.
/// </summary>
public sealed class PortalUploadStore(StorageClients clients, TimeProvider time)
{
    public const string OriginalNameMetadata = "original_name";
    public const string UploadedByMetadata = "uploaded_by";

    public static string Folder(string licence) => licence.Trim().ToUpperInvariant();

    public async Task<StoredUpload> PutAsync(string licence, byte[] content, string? originalName, string uploadedBy, CancellationToken cancellationToken)
    {
        var name = $"{Folder(licence)}/{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.xlsx";
        var metadata = new Dictionary<string, string> { [UploadedByMetadata] = Uri.EscapeDataString(uploadedBy) };
        // Metadata travels as HTTP headers: ASCII only, so the name is percent-encoded (and cut: names can be long).
        if (originalName is not null) metadata[OriginalNameMetadata] = Uri.EscapeDataString(originalName.Length > 200 ? originalName[..200] : originalName);
        var response = await clients.Uploads.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = FeedbackStore.WorkbookContentType },
            Metadata = metadata,
        }, cancellationToken).ConfigureAwait(false);
        return new StoredUpload(name, UploadIdentity.Id(name, response.Value.ETag.ToString()), response.Value.LastModified, originalName);
    }

    /// <summary>Every upload in a licence's folder (one prefix listing), with its id: those not yet processed show as pending.</summary>
    public async Task<IReadOnlyList<(UploadBlob Blob, string UploadId, string? OriginalName)>> ListAsync(string licence, CancellationToken cancellationToken)
    {
        var list = new List<(UploadBlob, string, string?)>();
        await foreach (var item in clients.Uploads.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Folder(licence) + "/", cancellationToken).ConfigureAwait(false))
        {
            var blob = new UploadBlob(item.Name, item.Properties.ETag?.ToString() ?? "", item.Properties.LastModified ?? DateTimeOffset.MinValue, item.Properties.ContentLength ?? 0, item.VersionId);
            list.Add((blob, UploadIdentity.Id(blob.Name, blob.ETag), OriginalName(item.Metadata)));
        }

        return list;
    }

    private static string? OriginalName(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(OriginalNameMetadata, out var value) ? Uri.UnescapeDataString(value) : null;
}
