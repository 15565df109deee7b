using System.Security.Cryptography;
using System.Text;

namespace Reporting.Domain.Submissions;

/// <summary>
/// An upload is one version of one blob: its name and ETag. Its id is derived from both, so every
/// delivery of the same event, and every sweep, arrives at the same id (idempotency key).
/// </summary>
public static class UploadIdentity
{
    public static string Id(string blobName, string etag) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(blobName + "\n" + etag.Trim('"'))))[..32];

    /// <summary>The licence folder a blob was uploaded to ("KZ-DM-0016/2025-03.xlsx" -> "KZ-DM-0016"), or null at the root.</summary>
    public static string? LicenceFolder(string blobName)
    {
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : blobName[..slash];
    }
}
