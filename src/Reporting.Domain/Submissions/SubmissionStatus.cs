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

public static class SubmissionStatuses
{
    public static string Code(this SubmissionStatus status) => status switch
    {
        SubmissionStatus.Accepted => "accepted",
        SubmissionStatus.Rejected => "rejected",
        SubmissionStatus.Duplicate => "duplicate",
        SubmissionStatus.Superseded => "superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SubmissionStatus Parse(string code) => code switch
    {
        "accepted" => SubmissionStatus.Accepted,
        "rejected" => SubmissionStatus.Rejected,
        "duplicate" => SubmissionStatus.Duplicate,
        "superseded" => SubmissionStatus.Superseded,
        _ => throw new FormatException($"Unknown submission status '{code}'."),
    };
}
