using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Json;
using Reporting.Application.Rules;
using Reporting.Application.Validation;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Feedback;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Storage;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.Storage.Registry;

namespace Reporting.Application.Ingestion;

/// <summary>
/// Processes one uploaded workbook: download (name and size checked first, SHA-256 on the way), parse and check,
/// store the records of a valid report (size checked first), decide (accepted, rejected, duplicate, superseded),
/// write the miner's feedback in their language, and record the outcome. Invalid input is a rejected submission,
/// never an exception; only storage faults and bugs throw, so the host retries (and the bug is logged with its
/// stack, never turned into a rejection). Idempotent: the same blob version processed again changes nothing.
/// Records are written before the decision, so a quarter's state never names an upload whose records are missing.
/// </summary>
public sealed partial class UploadProcessor(
    UploadBlobs uploads,
    FeedbackStore feedback,
    SubmissionLedger ledger,
    RecordStore records,
    RegistryStore registry,
    MonthReportParser parser,
    RuleSetProvider rules,
    IOptions<WorkbookLimits> limits,
    IOptions<IngestionOptions> options,
    StorageInitializer storage,
    QuarterReassessor reassessor,
    TimeProvider time,
    ILogger<UploadProcessor> logger)
{
    /// <summary>The blob-trigger path: one blob by name, then its quarter re-assessed.</summary>
    public async Task<UploadOutcome> ProcessBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = await uploads.GetAsync(blobName, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            LogSkipped(logger, blobName, "the blob no longer exists");
            return new UploadOutcome(blobName, "", UploadOutcomeStatus.Skipped, null, null, null, 0, 0, null, IngestionTexts.SkippedDeleted.With());
        }

        var context = new LedgerContext(ledger, SubmissionLedger.PartitionFor(UploadIdentity.LicenceFolder(blobName)));
        await context.LoadAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await ProcessAsync(blob, context, cancellationToken).ConfigureAwait(false);
        if (outcome.Touched is { } touched) await reassessor.ReassessAsync(touched.PartitionKey, touched.Quarter, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Processes one blob version against its licence's ledger (which the caller loaded and keeps).</summary>
    public async Task<UploadOutcome> ProcessAsync(UploadBlob blob, LedgerContext context, CancellationToken cancellationToken)
    {
        var uploadId = UploadIdentity.Id(blob.Name, blob.ETag);
        if (context.Snapshot.Uploads.TryGetValue(uploadId, out var done)) return Outcome(done, UploadOutcomeStatus.AlreadyProcessed, null);
        if (options.Value.TrustReceivedAtMetadata && blob.ClaimedReceivedAt is { } claimed) blob = blob with { LastModified = claimed };

        var folder = UploadIdentity.LicenceFolder(blob.Name);
        byte[] content = [];
        var sha256 = "";
        MonthReportParseResult parsed;
        if (!UploadIdentity.IsPlainName(blob.Name))
        {
            // Never downloaded: a client resolves such a name to another blob.
            parsed = Rejection(ValidationIssue.Error(IssueCodes.InvalidUploadName.With(("name", blob.Name))));
        }
        else if (blob.Size > limits.Value.MaxBytes)
        {
            // Refused from its listed size: never downloaded.
            parsed = Rejection(XlsxPackage.TooLarge(blob.Size, limits.Value));
        }
        else
        {
            var download = await uploads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
            if (download.Status != DownloadStatus.Downloaded)
            {
                var deleted = download.Status == DownloadStatus.NotFound;
                LogSkipped(logger, blob.Name, deleted ? "the blob was deleted" : "the blob was overwritten; its new version is processed on its own");
                return new UploadOutcome(blob.Name, uploadId, UploadOutcomeStatus.Skipped, null, null, null, 0, 0, null,
                    (deleted ? IngestionTexts.SkippedDeleted : IngestionTexts.SkippedOverwritten).With());
            }

            content = download.Content;
            sha256 = download.Sha256;
            parsed = parser.Parse(new MemoryStream(content, writable: false));
        }

        var ruleSet = rules.Rules;
        var validation = parsed.Validation.With(UploadChecks.For(parsed, folder, blob.Name, Month.Of(KazakhstanTime.Today(time)), ruleSet));
        var report = validation.IsValid ? parsed.Report! with { Source = blob.Name } : null;
        byte[]? recordBytes = null;
        if (report is not null)
        {
            // What storage can hold is checked before any state changes.
            recordBytes = RecordCodec.Serialize(report);
            if (recordBytes.LongLength > limits.Value.MaxRecordBytes)
            {
                validation = validation.With([ValidationIssue.Error(IssueCodes.ReportTooLarge.With(
                    ("size_mib", MessageValue.Number(Math.Round(recordBytes.LongLength / (1024m * 1024m), 1))),
                    ("max_mib", MessageValue.Number(Math.Round(limits.Value.MaxRecordBytes / (1024m * 1024m), 1)))))]);
                report = null;
                recordBytes = null;
            }
        }

        var language = await FeedbackLanguageAsync(parsed.Licence ?? folder, cancellationToken).ConfigureAwait(false);
        var annotated = await WriteFeedbackWorkbookAsync(folder, uploadId, blob.Name, content, validation, language, cancellationToken).ConfigureAwait(false);
        var recordsWritten = false;

        for (var attempt = 1; ; attempt++)
        {
            var decision = report is null ? null : Decide(context.Snapshot, report, uploadId, blob, sha256);
            if (!recordsWritten && decision?.Status is SubmissionStatus.Accepted or SubmissionStatus.Superseded)
            {
                await records.PutAsync(context.PartitionKey, uploadId, recordBytes!, cancellationToken).ConfigureAwait(false);
                recordsWritten = true;
            }

            if (decision?.Claim is { } claim &&
                await ledger.ClaimAsync(context.Snapshot, claim.Expected, claim.Desired, cancellationToken).ConfigureAwait(false) == ClaimOutcome.Conflict)
            {
                // Another upload of the same licence changed the quarter meanwhile: look again and decide again.
                LogConflict(logger, blob.Name, attempt);
                if (attempt >= options.Value.MaxConflictRetries)
                    throw new InvalidOperationException($"Upload {blob.Name} kept conflicting with concurrent uploads after {attempt} attempts; it is left for the next attempt.");
                await context.LoadAsync(cancellationToken).ConfigureAwait(false);
                if (context.Snapshot.Uploads.TryGetValue(uploadId, out var completed)) return Outcome(completed, UploadOutcomeStatus.AlreadyProcessed, null);
                continue;
            }

            var status = decision?.Status ?? SubmissionStatus.Rejected;
            var firstError = validation.Issues.FirstOrDefault(i => i.Severity == Severity.Error);
            var row = new SubmissionRow(uploadId, blob.Name, blob.ETag, blob.VersionId, sha256, blob.Size, blob.LastModified, time.GetUtcNow(), status,
                parsed.Kind, parsed.Licence, parsed.Period, validation.ErrorCount, validation.WarningCount, firstError?.Code,
                status == SubmissionStatus.Duplicate ? decision!.Current : null, status == SubmissionStatus.Superseded ? decision!.Current : null,
                "feedback/" + FeedbackStore.JsonName(folder, uploadId), annotated, ruleSet.Version)
            {
                Language = language,
            };
            await WriteFeedbackAsync(folder, row, validation, decision?.Replaced, decision?.Current, language, cancellationToken).ConfigureAwait(false);
            await ledger.RecordAsync(context.Snapshot, row, decision?.Replaced, cancellationToken).ConfigureAwait(false);

            LogProcessed(logger, blob.Name, status.Code(), validation.ErrorCount, validation.WarningCount);
            var touched = status == SubmissionStatus.Accepted ? (context.PartitionKey, report!.Period.Quarter) : ((string, Quarter)?)null;
            return Outcome(row, EnumCodes.Parse<UploadOutcomeStatus>(status.Code()), firstError?.Message) with { Touched = touched };
        }
    }

    private sealed record Claim(QuarterState Expected, QuarterState Desired);

    /// <summary>What the upload is, and the conditional write of the quarter's state that makes it so (if any).</summary>
    private sealed record Decision(SubmissionStatus Status, string? Current, string? Replaced, Claim? Claim);

    private static Decision Decide(LedgerSnapshot snapshot, MonthReport report, string uploadId, UploadBlob blob, string sha256)
    {
        var state = snapshot.Quarter(report.Period.Quarter);
        var pointer = state.Pointer(report.Period, report.Kind);
        var outcome = Supersession.Decide(pointer?.ToCurrentReport(), new Candidate(uploadId, blob.LastModified, sha256));
        return outcome.Outcome switch
        {
            SupersessionOutcome.BecomesCurrent => new Decision(SubmissionStatus.Accepted, uploadId, pointer?.UploadId,
                new Claim(state, state.With(new CurrentPointer(report.Period, report.Kind, uploadId, blob.LastModified, sha256, blob.Name, pointer?.UploadId)))),
            // Current already (a retry after a crash): finish recording it, including the upload it replaced.
            SupersessionOutcome.AlreadyCurrent => new Decision(SubmissionStatus.Accepted, uploadId, pointer!.PreviousUploadId, null),
            // "Same as the current report" must still hold when recorded: rewrite the state only if unchanged.
            SupersessionOutcome.Duplicate => new Decision(SubmissionStatus.Duplicate, outcome.CurrentUploadId, null, new Claim(state, state)),
            // A newer upload is current; the pointer only ever moves to newer uploads, so this stays true.
            _ => new Decision(SubmissionStatus.Superseded, outcome.CurrentUploadId, null, null),
        };
    }

    /// <summary>The language the licence holder reads feedback in: the registry's, else the configured default.</summary>
    private async Task<Language> FeedbackLanguageAsync(string? licence, CancellationToken cancellationToken)
    {
        if (licence is null) return options.Value.FeedbackLanguage;
        var (_, licences, _) = await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        return licences.FirstOrDefault(l => string.Equals(l.Number, licence.Trim(), StringComparison.OrdinalIgnoreCase))?.Language ?? options.Value.FeedbackLanguage;
    }

    private async Task<string?> WriteFeedbackWorkbookAsync(string? folder, string uploadId, string blobName, byte[] content, ValidationReport validation, Language language,
        CancellationToken cancellationToken)
    {
        var workbook = FeedbackWorkbookWriter.Write(content, validation.Issues, language, options.Value.AnnotateMaxBytes);
        if (workbook is null) return null;
        if (workbook.AnnotationFailure is { } failure) LogAnnotationFailed(logger, blobName, failure);
        var name = FeedbackStore.WorkbookName(folder, uploadId);
        await feedback.PutIfAbsentAsync(name, BinaryData.FromBytes(workbook.Content), FeedbackStore.WorkbookContentType, cancellationToken).ConfigureAwait(false);
        return "feedback/" + name;
    }

    private async Task WriteFeedbackAsync(string? folder, SubmissionRow row, ValidationReport validation, string? replaced, string? current, Language language,
        CancellationToken cancellationToken)
    {
        var words = MessageCatalog.Default.In(language);
        var message = row.Status switch
        {
            SubmissionStatus.Accepted when replaced is not null => words[IngestionTexts.StatusAcceptedReplaces],
            SubmissionStatus.Accepted => words[IngestionTexts.StatusAccepted],
            SubmissionStatus.Duplicate => words[IngestionTexts.StatusDuplicate],
            SubmissionStatus.Superseded => words[IngestionTexts.StatusSuperseded],
            _ => words.Render(IngestionTexts.StatusRejected.With(("errors", validation.ErrorCount))),
        };
        var report = new FeedbackReport(row.UploadId,
            new FeedbackUpload(row.BlobName, row.ETag, row.VersionId, row.Sha256, row.SizeBytes, row.ReceivedAt),
            row.Status.Code(), message, language.Code(), row.Kind?.Code(), row.Licence, row.Period?.ToString(), validation.IsValid,
            validation.ErrorCount, validation.WarningCount, validation.Suppressed, IssueView.From(validation, words),
            row.FeedbackWorkbook, replaced, row.DuplicateOf, current, row.ProcessedAt, row.RuleVersion);
        // Written before the outcome is recorded and rewritten if a conflict changes the decision, so it always matches it.
        await feedback.PutAsync(FeedbackStore.JsonName(folder, row.UploadId), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(report, ReportingJson.Options)),
            FeedbackStore.JsonContentType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The audit's repair of a current report whose records were lost: the file is read again and its records written,
    /// if it is still the same file (its SHA-256 is the pointer's). False when it cannot be (the file is gone or changed).
    /// </summary>
    public async Task<bool> RepairRecordsAsync(string partitionKey, CurrentPointer pointer, CancellationToken cancellationToken)
    {
        var again = await ReadAgainAsync(pointer.BlobName, etag: null, cancellationToken).ConfigureAwait(false);
        if (again is null || again.Value.Sha256 != pointer.Sha256 || again.Value.Report is null) return false;
        await records.PutAsync(partitionKey, pointer.UploadId, RecordCodec.Serialize(again.Value.Report with { Source = pointer.BlobName }), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The audit's repair of an upload whose feedback was lost: the same file version is read again and its feedback
    /// written in the language it was first written in, naming the outcome that was recorded. False when the file changed.
    /// </summary>
    public async Task<bool> RepairFeedbackAsync(SubmissionRow row, string? replaced, CancellationToken cancellationToken)
    {
        var again = await ReadAgainAsync(row.BlobName, row.ETag, cancellationToken).ConfigureAwait(false);
        if (again is null) return false;
        var (content, _, parsed, _) = again.Value;
        var folder = UploadIdentity.LicenceFolder(row.BlobName);
        var validation = parsed.Validation.With(UploadChecks.For(parsed, folder, row.BlobName, Month.Of(KazakhstanTime.Today(time)), rules.Rules));
        var language = row.Language ?? options.Value.FeedbackLanguage;
        await WriteFeedbackWorkbookAsync(folder, row.UploadId, row.BlobName, content, validation, language, cancellationToken).ConfigureAwait(false);
        var current = row.Status switch
        {
            SubmissionStatus.Accepted => row.UploadId,
            SubmissionStatus.Duplicate => row.DuplicateOf,
            SubmissionStatus.Superseded => row.SupersededBy,
            _ => null,
        };
        await WriteFeedbackAsync(folder, row, validation, replaced, current, language, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A file read again for a repair (of the given ETag when one is named), or null when it is gone or changed.</summary>
    private async Task<(byte[] Content, string Sha256, MonthReportParseResult Parsed, MonthReport? Report)?> ReadAgainAsync(string blobName, string? etag, CancellationToken cancellationToken)
    {
        if (!UploadIdentity.IsPlainName(blobName)) return null;
        var blob = await uploads.GetAsync(blobName, cancellationToken).ConfigureAwait(false);
        // ETags come quoted from a blob's properties and bare from a listing: compared without the quotes.
        if (blob is null || (etag is not null && blob.ETag.Trim('"') != etag.Trim('"')) || blob.Size > limits.Value.MaxBytes) return null;
        var download = await uploads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
        if (download.Status != DownloadStatus.Downloaded) return null;
        var parsed = parser.Parse(new MemoryStream(download.Content, writable: false));
        return (download.Content, download.Sha256, parsed, parsed.IsValid ? parsed.Report : null);
    }

    private static MonthReportParseResult Rejection(ValidationIssue issue) =>
        new(null, new ValidationReport([issue]), null, null, null, null, null);

    private static UploadOutcome Outcome(SubmissionRow row, UploadOutcomeStatus status, Message? firstIssue) =>
        new(row.BlobName, row.UploadId, status, row.Licence, row.Period?.ToString(), row.Kind?.Code(), row.ErrorCount, row.WarningCount, firstIssue, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed {Blob}: {Status} ({Errors} errors, {Warnings} warnings)")]
    private static partial void LogProcessed(ILogger logger, string blob, string status, int errors, int warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Blob}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string blob, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent change while recording {Blob} (attempt {Attempt}); deciding again")]
    private static partial void LogConflict(ILogger logger, string blob, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feedback for {Blob}: the copy with marked cells could not be made; the problems are listed without it")]
    private static partial void LogAnnotationFailed(ILogger logger, string blob, Exception exception);
}

/// <summary>A licence partition's snapshot, reloaded when a concurrent change makes it stale.</summary>
public sealed class LedgerContext(SubmissionLedger ledger, string partitionKey)
{
    public string PartitionKey { get; } = partitionKey;
    public LedgerSnapshot Snapshot { get; private set; } = new(partitionKey);
    public bool IsLoaded { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        Snapshot = await ledger.LoadAsync(PartitionKey, cancellationToken).ConfigureAwait(false);
        IsLoaded = true;
    }
}
