using Reporting.Application.Validation;

namespace Reporting.Application.Ingestion;

/// <summary>
/// The JSON feedback a miner finds for their upload (and the portal shows): the outcome (a stable code, and a line in
/// the licence holder's language), what the file is, every issue (code, place, value, message in that language), the
/// marked-up workbook, how it relates to other uploads, and the rules version. Keys and codes are language-free.
/// </summary>
public sealed record FeedbackReport(
    string UploadId,
    FeedbackUpload Upload,
    string Status,
    string StatusMessage,
    string Language,
    string? Kind,
    string? Licence,
    string? Period,
    bool Valid,
    int Errors,
    int Warnings,
    int NotListed,
    IReadOnlyList<IssueView> Issues,
    string? AnnotatedWorkbook,
    string? Supersedes,
    string? DuplicateOf,
    string? CurrentUpload,
    DateTimeOffset ProcessedAt,
    string RuleVersion);

public sealed record FeedbackUpload(string Blob, string ETag, string? VersionId, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt);
