namespace Reporting.Application.Audit;

/// <summary>What the audit can find wrong with the stored state (codes: "current-not-newest", ...).</summary>
public enum DriftKind
{
    /// <summary>A slot's current report is not the newest valid upload of its month and kind (a lost write of the quarter state).</summary>
    CurrentNotNewest,

    /// <summary>A quarter state names an upload whose submission was never (or no longer) recorded.</summary>
    CurrentWithoutSubmission,

    /// <summary>A current report's records cannot be read.</summary>
    RecordsMissing,

    /// <summary>A feedback file a submission names does not exist.</summary>
    FeedbackMissing,

    /// <summary>A licence-quarter's stored assessment is missing or behind its reports, the rules or the registry.</summary>
    AssessmentStale,

    /// <summary>A published report file is missing or its bytes no longer hash to the SHA-256 its version recorded.</summary>
    ReportFileMismatch,
}

/// <summary>One inconsistency of the stored state, where it is, what exactly (a message in kk/ru/en), and whether the audit mended it.</summary>
public sealed record AuditFinding(DriftKind Kind, string Partition, string? Quarter, string? UploadId, Domain.Text.Message Detail, bool Repaired);

/// <summary>What an audit looked at and found.</summary>
public sealed record AuditResult(int Licences, int Submissions, int QuarterStates, int ReportVersions, IReadOnlyList<AuditFinding> Findings)
{
    public bool Clean => Findings.Count == 0;
    public int Unrepaired => Findings.Count(f => !f.Repaired);
}
