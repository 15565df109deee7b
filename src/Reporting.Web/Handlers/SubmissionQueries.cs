using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Validation;
using Reporting.Domain.Periods;
using Reporting.Domain.Submissions;
using Reporting.Domain.Text;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.Web.Rendering;
using Reporting.Web.Uploads;

namespace Reporting.Web.Handlers;

/// <summary>A licence's uploads as its pages show them: the ledger's submissions, plus uploads still waiting for processing.</summary>
public sealed class SubmissionQueries(SubmissionLedger ledger, PortalUploadStore store, UploadBlobs blobs, FeedbackStore feedback, UploadCheck check,
    IOptions<PortalOptions> options)
{
    public async Task<(IReadOnlyList<HistoryRow> History, IReadOnlyList<Quarter> Quarters)> HistoryAsync(string licence, CancellationToken cancellationToken)
    {
        var loading = ledger.LoadAsync(SubmissionLedger.PartitionFor(PortalUploadStore.Folder(licence)), cancellationToken);
        var listing = store.ListAsync(licence, cancellationToken);
        await Task.WhenAll(loading, listing).ConfigureAwait(false);
        var snapshot = await loading.ConfigureAwait(false);
        var history = snapshot.Uploads.Values
            .Select(r => new HistoryRow(r.UploadId, r.ReceivedAt, r.Kind, r.Period, r.Status, r.ErrorCount, r.WarningCount))
            .Concat((await listing.ConfigureAwait(false)).Where(u => !snapshot.Uploads.ContainsKey(u.UploadId))
                .Select(u => new HistoryRow(u.UploadId, u.Blob.LastModified, null, null, null, 0, 0)))
            // By month, newest month first (uploads still unread on top), each month's uploads newest first.
            .OrderBy(r => r.Period is null ? 0 : 1).ThenByDescending(r => r.Period).ThenByDescending(r => r.Received).ThenBy(r => r.UploadId, StringComparer.Ordinal)
            .ToArray();
        var quarters = snapshot.Quarters.Values.Where(q => q.Current.Count > 0).Select(q => q.Quarter).OrderDescending().ToArray();
        return (history, quarters);
    }

    /// <summary>Whether processing has recorded the upload (what the submission page polls).</summary>
    public async Task<bool> IsProcessedAsync(string licence, string uploadId, CancellationToken cancellationToken) =>
        (await ledger.LoadAsync(SubmissionLedger.PartitionFor(PortalUploadStore.Folder(licence)), cancellationToken).ConfigureAwait(false)).HasUpload(uploadId);

    /// <summary>An upload's page, its file checked again in the reader's language; null when the licence has no such upload.</summary>
    public async Task<SubmissionModel?> GetAsync(string licence, string uploadId, Words words, CancellationToken cancellationToken)
    {
        var loading = ledger.LoadAsync(SubmissionLedger.PartitionFor(PortalUploadStore.Folder(licence)), cancellationToken);
        var listing = store.ListAsync(licence, cancellationToken);
        await Task.WhenAll(loading, listing).ConfigureAwait(false);
        var snapshot = await loading.ConfigureAwait(false);
        var listed = (await listing.ConfigureAwait(false)).FirstOrDefault(u => u.UploadId == uploadId);
        snapshot.Uploads.TryGetValue(uploadId, out var row);
        var blob = listed.Blob ?? (row is null ? null : new UploadBlob(row.BlobName, row.ETag, row.ReceivedAt, row.SizeBytes, row.VersionId));
        if (blob is null) return null;

        var file = await CheckStoredAsync(blob, row?.ProcessedAt, cancellationToken).ConfigureAwait(false);
        var outcome = row is null ? null : Outcome(row, snapshot, words);
        return Model(licence, uploadId, listed.OriginalName, row?.ReceivedAt ?? blob.LastModified, file, words, outcome);
    }

    /// <summary>The page right after an upload: the check of the bytes just received, processing still to come.</summary>
    public SubmissionModel Received(string licence, StoredUpload upload, CheckedFile file, Words words) =>
        Model(licence, upload.UploadId, upload.OriginalName, upload.Received, file, words, null);

    /// <summary>The marked-up workbook processing wrote for an upload, or null when there is none.</summary>
    public async Task<(byte[] Content, SubmissionRow Row)?> FeedbackWorkbookAsync(string licence, string uploadId, CancellationToken cancellationToken)
    {
        var snapshot = await ledger.LoadAsync(SubmissionLedger.PartitionFor(PortalUploadStore.Folder(licence)), cancellationToken).ConfigureAwait(false);
        if (!snapshot.Uploads.TryGetValue(uploadId, out var row) || row.FeedbackWorkbook is not { } name) return null;
        const string container = "feedback/";
        var content = await feedback.GetAsync(name.StartsWith(container, StringComparison.Ordinal) ? name[container.Length..] : name, cancellationToken).ConfigureAwait(false);
        return content is null ? null : (content.ToArray(), row);
    }

    private async Task<CheckedFile?> CheckStoredAsync(UploadBlob blob, DateTimeOffset? processedAt, CancellationToken cancellationToken)
    {
        if (!UploadIdentity.IsPlainName(blob.Name)) return null;
        if (blob.Size > check.MaxBytes) return check.TooLarge(blob.Size);
        var download = await blobs.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
        // Gone or overwritten since (not through the portal, which never overwrites): only the recorded outcome is shown.
        return download.Status == DownloadStatus.Downloaded ? check.Check(download.Content, blob.Name, processedAt) : null;
    }

    private SubmissionModel Model(string licence, string uploadId, string? originalName, DateTimeOffset received, CheckedFile? file, Words words, SubmissionOutcome? outcome)
    {
        var report = file?.Report;
        return new SubmissionModel(licence, uploadId, originalName, received, file?.Kind, file?.Period,
            report?.ErrorCount ?? 0, report?.WarningCount ?? 0, report?.Suppressed ?? 0,
            report is null ? [] : IssueView.From(report, words), outcome, options.Value.StatusPollInterval);
    }

    private static SubmissionOutcome Outcome(SubmissionRow row, LedgerSnapshot snapshot, Words words)
    {
        var replaced = row.Period is { } period && row.Kind is { } kind &&
                       snapshot.Quarter(period.Quarter).Pointer(period, kind) is { } pointer && pointer.UploadId == row.UploadId && pointer.PreviousUploadId is not null;
        var sentence = row.Status switch
        {
            SubmissionStatus.Accepted when replaced => words[IngestionTexts.StatusAcceptedReplaces],
            SubmissionStatus.Accepted => words[IngestionTexts.StatusAccepted],
            SubmissionStatus.Duplicate => words[IngestionTexts.StatusDuplicate],
            SubmissionStatus.Superseded => words[IngestionTexts.StatusSuperseded],
            _ => words.Render(IngestionTexts.StatusRejected.With(("errors", row.ErrorCount))),
        };
        return new SubmissionOutcome(row.Status, sentence, row.Status == SubmissionStatus.Accepted, row.FeedbackWorkbook is not null);
    }
}
