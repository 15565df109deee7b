using System.Security.Cryptography;
using System.Text;
using Reporting.Storage;
using Reporting.Storage.Blobs;

namespace Reporting.Application.Ingestion;

/// <summary>The versions a folder's assessments depend on besides its uploads.</summary>
public sealed record SweepVersions(string Rules, string Registry);

/// <summary>
/// What identifies the state of a top-level upload folder for the sweep: SHA-256 over the rules and registry versions
/// and every blob's name and ETag (sorted). A new, overwritten or deleted upload, an imported registry or new rules all
/// change it; nothing else does, so an unchanged folder has nothing to process or re-assess.
/// </summary>
public static class SweepFingerprint
{
    public static string Of(SweepVersions versions, IEnumerable<UploadBlob> blobs)
    {
        var text = new StringBuilder().Append(versions.Rules).Append('\n').Append(versions.Registry).Append('\n');
        foreach (var blob in blobs.OrderBy(b => b.Name, StringComparer.Ordinal)) text.Append(blob.Name).Append('\n').Append(blob.ETag).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The folder's row key ("" for names outside any folder becomes "~").</summary>
    public static string Key(string folder) => KeyEncoding.Escape(folder);
}
