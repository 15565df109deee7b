namespace Reporting.Domain.Submissions;

/// <summary>The report currently counted for a licence, month and kind: which upload, when it arrived, its hash.</summary>
public sealed record CurrentReport(string UploadId, DateTimeOffset ReceivedAt, string Sha256);

/// <summary>A valid upload asking to become the current report for its licence, month and kind.</summary>
public sealed record Candidate(string UploadId, DateTimeOffset ReceivedAt, string Sha256);

public enum SupersessionOutcome
{
    /// <summary>The candidate becomes current (replacing <see cref="SupersessionDecision.Replaced"/>, if any).</summary>
    BecomesCurrent,

    /// <summary>The candidate already is the current report (the same upload processed again).</summary>
    AlreadyCurrent,

    /// <summary>Same content as the current report: a duplicate that changes nothing.</summary>
    Duplicate,

    /// <summary>A newer upload is already current: the candidate is recorded as superseded.</summary>
    Older,
}

public sealed record SupersessionDecision(SupersessionOutcome Outcome, string? Replaced, string? CurrentUploadId);

/// <summary>
/// Which upload counts for a month: the one received last (by the storage's own timestamp, ties broken
/// by upload id so every processor decides alike), unless its content equals the current one. Processing
/// order does not matter: an older upload processed late never displaces a newer one.
/// </summary>
public static class Supersession
{
    public static SupersessionDecision Decide(CurrentReport? current, Candidate candidate)
    {
        if (current is null) return new(SupersessionOutcome.BecomesCurrent, null, candidate.UploadId);
        if (current.UploadId == candidate.UploadId) return new(SupersessionOutcome.AlreadyCurrent, null, current.UploadId);
        if (string.Equals(current.Sha256, candidate.Sha256, StringComparison.OrdinalIgnoreCase))
            return new(SupersessionOutcome.Duplicate, null, current.UploadId);
        return IsNewer(candidate.ReceivedAt, candidate.UploadId, current.ReceivedAt, current.UploadId)
            ? new(SupersessionOutcome.BecomesCurrent, current.UploadId, candidate.UploadId)
            : new(SupersessionOutcome.Older, null, current.UploadId);
    }

    /// <summary>The order of uploads: received later, or at the same instant with the greater upload id (so every processor decides alike).</summary>
    public static bool IsNewer(DateTimeOffset receivedAt, string uploadId, DateTimeOffset otherReceivedAt, string otherUploadId) =>
        receivedAt != otherReceivedAt ? receivedAt > otherReceivedAt : string.CompareOrdinal(uploadId, otherUploadId) > 0;
}
