namespace Reporting.Domain.Submissions;

/// <summary>What became of an upload.</summary>
public enum SubmissionStatus
{
    /// <summary>Valid, and the current report for its licence, month and kind.</summary>
    Accepted,

    /// <summary>The file has errors; nothing of it counts. Feedback explains every problem.</summary>
    Rejected,

    /// <summary>Valid, but identical (same SHA-256) to the current report for its month and kind: changes nothing.</summary>
    Duplicate,

    /// <summary>Valid, but a newer upload for the same licence, month and kind replaced it. Kept, never deleted.</summary>
    Superseded,
}
