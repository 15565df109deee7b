using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Json;
using Reporting.Application.Rules;
using Reporting.Application.Validation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Validation;
using Reporting.Excel.Feedback;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Storage;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;

namespace Reporting.Application.Ingestion;

/// <summary>
/// Processes one uploaded workbook: download (size checked first, SHA-256 on the way), parse and check,
/// decide (accepted, rejected, duplicate, superseded), write the miner's feedback, and record it all in
/// one transaction of the licence's partition. Invalid input is a rejected submission, never an
/// exception; only transient storage faults throw, so the host retries. Idempotent: the same blob
/// version processed again changes nothing.
/// </summary>
public sealed partial class UploadProcessor(
    UploadBlobs uploads,
    FeedbackStore feedback,
    SubmissionLedger ledger,
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
            return new UploadOutcome(blobName, "", UploadOutcome.Skipped, null, null, null, 0, 0, null, "The blob no longer exists.");
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
        if (context.Snapshot.Uploads.TryGetValue(uploadId, out var done)) return Outcome(done, UploadOutcome.AlreadyProcessed, null);
        if (options.Value.TrustReceivedAtMetadata && blob.ClaimedReceivedAt is { } claimed) blob = blob with { LastModified = claimed };

        var folder = UploadIdentity.LicenceFolder(blob.Name);
        byte[] content = [];
        var sha256 = "";
        MonthReportParseResult parsed;
        if (blob.Size > limits.Value.MaxBytes)
        {
            // Refused from its listed size: never downloaded.
            parsed = Rejection(ValidationIssue.Error(IssueCodes.FileTooLarge, null, null, blob.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"The file is {blob.Size / 1_000_000.0:0.#} MB; at most {limits.Value.MaxBytes / 1_000_000.0:0.#} MB are accepted. It was not downloaded."));
        }
        else
        {
            var download = await uploads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
            if (download.Status != DownloadStatus.Downloaded)
            {
                var why = download.Status == DownloadStatus.NotFound ? "the blob was deleted" : "the blob was overwritten; its new version is processed on its own";
                LogSkipped(logger, blob.Name, why);
                return new UploadOutcome(blob.Name, uploadId, UploadOutcome.Skipped, null, null, null, 0, 0, null, why);
            }

            content = download.Content;
            sha256 = download.Sha256;
            parsed = parser.Parse(new MemoryStream(content, writable: false));
        }

        var ruleSet = rules.Rules;
        var extra = UploadChecks.For(parsed, folder, Month.Of(KazakhstanTime.Today(time)), ruleSet);
        var validation = parsed.Validation.With(extra);
        var report = validation.IsValid ? parsed.Report! with { Source = blob.Name } : null;
        var annotated = await WriteAnnotatedAsync(folder, uploadId, content, validation, cancellationToken).ConfigureAwait(false);

        for (var attempt = 1; ; attempt++)
        {
            var decision = report is null ? null : Decide(context.Snapshot, report, uploadId, blob, sha256);
            if (decision?.Claim is { } claim &&
                await ledger.ClaimAsync(context.Snapshot, claim.Expected, claim.Desired, cancellationToken).ConfigureAwait(false) == ClaimOutcome.Conflict)
            {
                // Another upload of the same licence changed the quarter meanwhile: look again and decide again.
                LogConflict(logger, blob.Name, attempt);
                if (attempt >= options.Value.MaxConflictRetries)
                    throw new InvalidOperationException($"Upload {blob.Name} kept conflicting with concurrent uploads after {attempt} attempts; it is left for the next attempt.");
                await context.LoadAsync(cancellationToken).ConfigureAwait(false);
                if (context.Snapshot.Uploads.TryGetValue(uploadId, out var completed)) return Outcome(completed, UploadOutcome.AlreadyProcessed, null);
                continue;
            }

            var status = decision?.Status ?? SubmissionStatus.Rejected;
            var row = new SubmissionRow(uploadId, blob.Name, blob.ETag, blob.VersionId, sha256, blob.Size, blob.LastModified, time.GetUtcNow(), status,
                parsed.Kind, parsed.Licence, parsed.Period, validation.ErrorCount, validation.WarningCount,
                validation.Issues.FirstOrDefault(i => i.Severity == Severity.Error)?.Code,
                status == SubmissionStatus.Duplicate ? decision!.Current : null,
                status == SubmissionStatus.Superseded ? decision!.Current : null,
                "feedback/" + FeedbackStore.JsonName(folder, uploadId), annotated, ruleSet.Version);
            await WriteFeedbackAsync(folder, row, validation, decision, cancellationToken).ConfigureAwait(false);
            await ledger.RecordAsync(context.Snapshot, row, status is SubmissionStatus.Accepted or SubmissionStatus.Superseded ? report : null,
                decision?.Replaced, cancellationToken).ConfigureAwait(false);

            LogProcessed(logger, blob.Name, status.Code(), validation.ErrorCount, validation.WarningCount);
            var touched = status == SubmissionStatus.Accepted ? (context.PartitionKey, report!.Period.Quarter) : ((string, Quarter)?)null;
            return Outcome(row, status.Code(), validation.Issues.FirstOrDefault(i => i.Severity == Severity.Error)?.Message) with { Touched = touched };
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

    private async Task<string?> WriteAnnotatedAsync(string? folder, string uploadId, byte[] content, ValidationReport validation, CancellationToken cancellationToken)
    {
        if (content.Length == 0 || !validation.Issues.Any(i => i.Cell is not null)) return null;
        var annotated = AnnotatedWorkbookWriter.Annotate(content, validation.Issues);
        if (annotated is null) return null;
        var name = FeedbackStore.WorkbookName(folder, uploadId);
        await feedback.PutIfAbsentAsync(name, BinaryData.FromBytes(annotated), FeedbackStore.WorkbookContentType, cancellationToken).ConfigureAwait(false);
        return "feedback/" + name;
    }

    private async Task WriteFeedbackAsync(string? folder, SubmissionRow row, ValidationReport validation, Decision? decision, CancellationToken cancellationToken)
    {
        var message = row.Status switch
        {
            SubmissionStatus.Accepted when decision?.Replaced is not null => "Accepted. It replaces your earlier upload for the same month and report type.",
            SubmissionStatus.Accepted => "Accepted.",
            SubmissionStatus.Duplicate => "Identical to the report already accepted for this month: nothing changed.",
            SubmissionStatus.Superseded => "Valid, but a newer upload for the same month and report type is the one that counts.",
            _ => $"Rejected: {validation.ErrorCount} problem(s) must be fixed. Correct them and upload the whole file again.",
        };
        var report = new FeedbackReport(row.UploadId,
            new FeedbackUpload(row.BlobName, row.ETag, row.VersionId, row.Sha256, row.SizeBytes, row.ReceivedAt),
            row.Status.Code(), message, row.Kind?.Code(), row.Licence, row.Period?.ToString(), validation.IsValid,
            validation.ErrorCount, validation.WarningCount, validation.Issues.Select(IssueView.From).ToArray(),
            row.FeedbackWorkbook, decision?.Replaced, row.DuplicateOf, decision?.Current, row.ProcessedAt, row.RuleVersion);
        // Written before the commit and overwritten if a conflict changes the decision, so it always matches the recorded outcome.
        await feedback.PutAsync(FeedbackStore.JsonName(folder, row.UploadId), BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(report, ReportingJson.Options)),
            FeedbackStore.JsonContentType, cancellationToken).ConfigureAwait(false);
    }

    private static MonthReportParseResult Rejection(ValidationIssue issue) =>
        new(null, new ValidationReport([issue]), null, null, null, null, null);

    private static UploadOutcome Outcome(SubmissionRow row, string status, string? detail) =>
        new(row.BlobName, row.UploadId, status, row.Licence, row.Period?.ToString(), row.Kind?.Code(), row.ErrorCount, row.WarningCount, row.FirstErrorCode, detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed {Blob}: {Status} ({Errors} errors, {Warnings} warnings)")]
    private static partial void LogProcessed(ILogger logger, string blob, string status, int errors, int warnings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Blob}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string blob, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent change while recording {Blob} (attempt {Attempt}); deciding again")]
    private static partial void LogConflict(ILogger logger, string blob, int attempt);
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
