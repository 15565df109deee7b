using Reporting.Domain.Periods;

namespace Reporting.Application.Ingestion;

/// <summary>What processing one upload did, for the command line and logs.</summary>
public sealed record UploadOutcome(
    string Blob,
    string UploadId,
    string Status,
    string? Licence,
    string? Period,
    string? Kind,
    int Errors,
    int Warnings,
    string? FirstIssue,
    string? Detail)
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Duplicate = "duplicate";
    public const string Superseded = "superseded";

    /// <summary>Processed before (same blob version): nothing done.</summary>
    public const string AlreadyProcessed = "already-processed";

    /// <summary>The blob changed or vanished between listing and download: its newer version is its own upload.</summary>
    public const string Skipped = "skipped";

    /// <summary>A transient fault (storage unavailable): nothing recorded, retried by the host or the next sweep.</summary>
    public const string Failed = "failed";

    /// <summary>The licence-quarter this accepted upload changed, to re-assess.</summary>
    public (string PartitionKey, Quarter Quarter)? Touched { get; init; }
}
