using Reporting.Application.Validation;

namespace Reporting.Application.Ingestion;

/// <summary>The JSON feedback a miner finds next to their upload in the feedback container.</summary>
public sealed record FeedbackReport(
    string UploadId,
    FeedbackUpload Upload,
    string Status,
    string StatusMessage,
    string? Kind,
    string? Licence,
    string? Period,
    bool Valid,
    int Errors,
    int Warnings,
    IReadOnlyList<IssueView> Issues,
    string? AnnotatedWorkbook,
    string? Supersedes,
    string? DuplicateOf,
    string? CurrentUpload,
    DateTimeOffset ProcessedAt,
    string RuleVersion);

public sealed record FeedbackUpload(string Blob, string ETag, string? VersionId, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt);
