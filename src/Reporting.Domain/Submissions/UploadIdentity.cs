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

    /// <summary>
    /// The licence folder a blob was uploaded to ("KZ-DM-0016/2025-03.xlsx" → "KZ-DM-0016"); null at the root and for
    /// a name that is not plain (<see cref="IsPlainName"/>), which belongs to no licence.
    /// </summary>
    public static string? LicenceFolder(string blobName)
    {
        if (!IsPlainName(blobName)) return null;
        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : blobName[..slash];
    }

    /// <summary>
    /// False for names with path steps ("." or ".." segments), empty segments or a backslash: storage clients and
    /// tools resolve such names to other blobs (a download of "A/../B/x.xlsx" reads "B/x.xlsx"), so they cannot be
    /// tied safely to one licence and are rejected without being read.
    /// </summary>
    public static bool IsPlainName(string blobName)
    {
        if (string.IsNullOrEmpty(blobName) || blobName.Contains('\\', StringComparison.Ordinal)) return false;
        foreach (var segment in blobName.Split('/'))
        {
            if (segment.Length == 0 || segment.Trim() is "." or "..") return false;
        }

        return true;
    }
}
