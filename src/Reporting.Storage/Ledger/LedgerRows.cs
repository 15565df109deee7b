using Azure;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;

namespace Reporting.Storage.Ledger;

/// <summary>The record of one upload (accepted or not), as kept in the Submissions table.</summary>
public sealed record SubmissionRow(
    string UploadId,
    string BlobName,
    string ETag,
    string? VersionId,
    string Sha256,
    long SizeBytes,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ProcessedAt,
    SubmissionStatus Status,
    ReportKind? Kind,
    string? Licence,
    Month? Period,
    int ErrorCount,
    int WarningCount,
    string? FirstErrorCode,
    string? DuplicateOf,
    string? SupersededBy,
    string? FeedbackJson,
    string? FeedbackWorkbook,
    string RuleVersion)
{
    public Quarter? Quarter => Period?.Quarter;

    /// <summary>The language the upload's feedback was written in.</summary>
    public Domain.Text.Language? Language { get; init; }
}

/// <summary>
/// The current report for a month and kind of one licence, and the upload it replaced (so the
/// replaced one can be marked superseded, again if need be).
/// </summary>
public sealed record CurrentPointer(Month Period, ReportKind Kind, string UploadId, DateTimeOffset ReceivedAt, string Sha256, string BlobName, string? PreviousUploadId)
{
    public CurrentReport ToCurrentReport() => new(UploadId, ReceivedAt, Sha256);
}

/// <summary>
/// A licence-quarter's state: which upload is current for each of its months and kinds, and a revision
/// raised whenever one changes. One entity, so deciding which upload counts is one conditional write.
/// </summary>
public sealed record QuarterState(Quarter Quarter, long Revision, IReadOnlyDictionary<(Month Period, ReportKind Kind), CurrentPointer> Current, ETag ETag)
{
    public static QuarterState Empty(Quarter quarter) => new(quarter, 0, new Dictionary<(Month, ReportKind), CurrentPointer>(), default);

    public bool Exists => ETag != default;

    public CurrentPointer? Pointer(Month period, ReportKind kind) => Current.GetValueOrDefault((period, kind));

    /// <summary>The state with one pointer replaced and the revision raised.</summary>
    public QuarterState With(CurrentPointer pointer) =>
        this with { Revision = Revision + 1, Current = new Dictionary<(Month, ReportKind), CurrentPointer>(Current) { [(pointer.Period, pointer.Kind)] = pointer } };
}

/// <summary>What a licence's partition holds, apart from the reports' records.</summary>
public sealed class LedgerSnapshot(string partitionKey)
{
    public string PartitionKey { get; } = partitionKey;
    public Dictionary<string, SubmissionRow> Uploads { get; } = new(StringComparer.Ordinal);
    public Dictionary<Quarter, QuarterState> Quarters { get; } = [];

    public bool HasUpload(string uploadId) => Uploads.ContainsKey(uploadId);

    public QuarterState Quarter(Quarter quarter) => Quarters.GetValueOrDefault(quarter) ?? QuarterState.Empty(quarter);
}

/// <summary>
/// The current reports of a licence-quarter with their records, and the revision they belong to.
/// <c>Incomplete</c> lists current uploads whose records cannot be read (records are written before an upload
/// becomes current, so only lost storage data or an interrupted repair leaves one): an assessment of such inputs
/// must not be stored, and the audit repairs them.
/// </summary>
public sealed record QuarterInputs(
    string PartitionKey,
    Quarter Quarter,
    long Revision,
    IReadOnlyList<CurrentPointer> Pointers,
    IReadOnlyList<ConsumptionReport> Consumption,
    IReadOnlyList<SalesReport> Sales,
    IReadOnlyList<CurrentPointer> Incomplete);
