using Reporting.Domain.Periods;
using Reporting.Domain.Text;

namespace Reporting.Application.Ingestion;

/// <summary>What processing did with an upload (codes: "accepted", "already-processed", ...).</summary>
public enum UploadOutcomeStatus
{
    Accepted,
    Rejected,
    Duplicate,
    Superseded,

    /// <summary>Processed before (same blob version): nothing done.</summary>
    AlreadyProcessed,

    /// <summary>The blob changed or vanished between listing and download: its newer version is its own upload.</summary>
    Skipped,

    /// <summary>Not recorded (storage unavailable, or an unexpected failure, logged): retried by the host or the next sweep.</summary>
    Failed,
}

/// <summary>
/// What processing one upload did, for the command line, the portal and logs: the outcome, what the file is, its
/// counts, the first error (a message, worded by the reader), why it was skipped or failed, and a failure's text.
/// </summary>
public sealed record UploadOutcome(
    string Blob,
    string UploadId,
    UploadOutcomeStatus Status,
    string? Licence,
    string? Period,
    string? Kind,
    int Errors,
    int Warnings,
    Message? FirstIssue,
    Message? Detail,
    string? Error = null)
{
    /// <summary>The licence-quarter this accepted upload changed, to re-assess.</summary>
    public (string PartitionKey, Quarter Quarter)? Touched { get; init; }
}
