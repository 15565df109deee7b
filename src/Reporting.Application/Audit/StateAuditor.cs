using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Rules;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Submissions;
using Reporting.Domain.Text;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.Storage.Registry;
using Reporting.Storage.Reports;

namespace Reporting.Application.Audit;

/// <summary>
/// Proves the stored state whole, and mends what it can: every slot's current report is the newest valid upload of
/// its month and kind, every current upload has its submission and records, every feedback file a submission names
/// exists, every licence-quarter's assessment matches its current inputs, the rules and the registry, and every
/// published report file still hashes to what its version recorded. A storage that loses acknowledged writes (an
/// emulator killed hard) leaves exactly such drift; without the audit an accepted upload could drop out of the figures
/// unseen. Repairs go through the same code paths as processing (conditional writes, re-assessment), so an audit
/// running beside ingestion changes nothing that ingestion decides.
/// </summary>
public sealed partial class StateAuditor(
    SubmissionLedger ledger,
    RecordStore records,
    FeedbackStore feedback,
    AssessmentStore assessments,
    RegistryStore registry,
    ReportStore reports,
    UploadProcessor processor,
    QuarterReassessor reassessor,
    RuleSetProvider rules,
    StorageInitializer storage,
    IOptions<IngestionOptions> options,
    ILogger<StateAuditor> logger)
{
    public async Task<AuditResult> AuditAsync(bool repair, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partitions = await ledger.ListPartitionsAsync(cancellationToken).ConfigureAwait(false);
        var findings = new ConcurrentBag<AuditFinding>();
        int submissions = 0, states = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, parallel, async (partition, token) =>
        {
            var (s, q) = await AuditLicenceAsync(partition, repair, findings.Add, token).ConfigureAwait(false);
            Interlocked.Add(ref submissions, s);
            Interlocked.Add(ref states, q);
        }).ConfigureAwait(false);

        var versions = await AuditReportsAsync(findings.Add, cancellationToken).ConfigureAwait(false);
        var ordered = findings.OrderBy(f => f.Partition, StringComparer.Ordinal).ThenBy(f => f.Quarter, StringComparer.Ordinal).ThenBy(f => f.Kind).ToArray();
        LogAudited(logger, partitions.Count, submissions, states, versions, ordered.Length, ordered.Count(f => f.Repaired));
        return new AuditResult(partitions.Count, submissions, states, versions, ordered);
    }

    /// <summary>One licence folder's submissions, states, records, feedback and assessments. Returns what it looked at.</summary>
    public async Task<(int Submissions, int States)> AuditLicenceAsync(string partition, bool repair, Action<AuditFinding> found, CancellationToken cancellationToken)
    {
        var snapshot = await ledger.LoadAsync(partition, cancellationToken, asStored: true).ConfigureAwait(false);
        var touched = new HashSet<Quarter>();
        void Found(DriftKind kind, Quarter? quarter, string? upload, Message detail, bool repaired)
        {
            var finding = new AuditFinding(kind, partition, quarter?.ToString(), upload, detail, repaired);
            LogFinding(logger, kind.Code(), partition, quarter?.ToString(), upload, English.Render(detail), repaired);
            found(finding);
        }

        // 1. Each slot's current report is the newest valid upload of the slot (the same rule processing decides by).
        var valid = snapshot.Uploads.Values
            .Where(r => r.Status is SubmissionStatus.Accepted or SubmissionStatus.Superseded && r.Period is not null && r.Kind is not null)
            .GroupBy(r => (Period: r.Period!.Value, Kind: r.Kind!.Value));
        foreach (var slot in valid)
        {
            var newest = slot.Aggregate((a, b) => Supersession.IsNewer(b.ReceivedAt, b.UploadId, a.ReceivedAt, a.UploadId) ? b : a);
            var state = snapshot.Quarter(slot.Key.Period.Quarter);
            var pointer = state.Pointer(slot.Key.Period, slot.Key.Kind);
            if (pointer?.UploadId == newest.UploadId) continue;
            var repaired = repair && await PointAtAsync(snapshot, state, newest, pointer, cancellationToken).ConfigureAwait(false);
            if (repaired) touched.Add(slot.Key.Period.Quarter);
            Found(DriftKind.CurrentNotNewest, slot.Key.Period.Quarter, newest.UploadId,
                AuditTexts.CurrentNotNewest.With(("month", MessageValue.Month(slot.Key.Period)), ("kind", Terms.Term(slot.Key.Kind)), ("current", pointer?.UploadId ?? "-"),
                    ("newest", newest.UploadId), ("blob", newest.BlobName)), repaired);
        }

        // 2. Every current upload has its submission and its records.
        foreach (var state in snapshot.Quarters.Values)
        {
            foreach (var pointer in state.Current.Values)
            {
                if (!snapshot.Uploads.ContainsKey(pointer.UploadId))
                {
                    var repaired = repair && await ReprocessAsync(partition, pointer.BlobName, cancellationToken).ConfigureAwait(false);
                    if (repaired) touched.Add(state.Quarter);
                    Found(DriftKind.CurrentWithoutSubmission, state.Quarter, pointer.UploadId, AuditTexts.CurrentWithoutSubmission.With(("month", MessageValue.Month(pointer.Period)),
                        ("kind", Terms.Term(pointer.Kind)), ("blob", pointer.BlobName)), repaired);
                }

                if (!await records.ExistsAsync(partition, pointer.UploadId, cancellationToken).ConfigureAwait(false))
                {
                    var repaired = repair && await processor.RepairRecordsAsync(partition, pointer, cancellationToken).ConfigureAwait(false);
                    if (repaired) touched.Add(state.Quarter);
                    Found(DriftKind.RecordsMissing, state.Quarter, pointer.UploadId, AuditTexts.RecordsMissing.With(("month", MessageValue.Month(pointer.Period)),
                        ("kind", Terms.Term(pointer.Kind)), ("blob", pointer.BlobName)), repaired);
                }
            }
        }

        // 3. Every feedback file a submission names exists (one listing of the folder's feedback).
        var folder = snapshot.Uploads.Values.Select(r => UploadIdentity.LicenceFolder(r.BlobName)).FirstOrDefault(f => f is not null);
        var names = await feedback.ListNamesAsync(folder, cancellationToken).ConfigureAwait(false);
        foreach (var row in snapshot.Uploads.Values)
        {
            var missing = new[] { row.FeedbackJson, row.FeedbackWorkbook }.Where(n => n is not null && !names.Contains(n["feedback/".Length..])).ToArray();
            if (missing.Length == 0) continue;
            var replaced = snapshot.Quarters.Values.SelectMany(q => q.Current.Values).FirstOrDefault(p => p.UploadId == row.UploadId)?.PreviousUploadId;
            var repaired = repair && await processor.RepairFeedbackAsync(row, replaced, cancellationToken).ConfigureAwait(false);
            Found(DriftKind.FeedbackMissing, row.Quarter, row.UploadId, AuditTexts.FeedbackMissing.With(("files", MessageValue.Texts(missing!))), repaired);
        }

        // 4. Every licence-quarter's assessment matches its inputs, the rules and the registry (re-read: repairs above changed states).
        var (registryVersion, _, _) = await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        var current = touched.Count > 0 ? await ledger.LoadAsync(partition, cancellationToken, asStored: true).ConfigureAwait(false) : snapshot;
        foreach (var state in current.Quarters.Values.Where(s => s.Current.Count > 0))
        {
            var licence = current.Uploads.Values.FirstOrDefault(r => r.Licence is not null)?.Licence ?? partition;
            var stored = await assessments.GetAsync(state.Quarter, licence, cancellationToken).ConfigureAwait(false);
            var inputs = stored?.Inputs.Select(i => i.UploadId).Order(StringComparer.Ordinal).ToArray() ?? [];
            var expected = state.Current.Values.Select(p => p.UploadId).Order(StringComparer.Ordinal).ToArray();
            var fresh = stored is not null && stored.InputRevision == state.Revision && inputs.SequenceEqual(expected) &&
                stored.RuleVersion == rules.Rules.Version && stored.RegistryVersion == registryVersion;
            if (fresh) continue;
            var repaired = repair && await reassessor.ReassessAsync(partition, state.Quarter, cancellationToken).ConfigureAwait(false)
                is SaveOutcome.Written or SaveOutcome.Unchanged or SaveOutcome.Repaired;
            Found(DriftKind.AssessmentStale, state.Quarter, null,
                stored is null
                    ? AuditTexts.AssessmentMissing.With()
                    : AuditTexts.AssessmentBehind.With(("revision", stored.InputRevision), ("current", state.Revision), ("rules", stored.RuleVersion), ("registry", stored.RegistryVersion)),
                repaired);
        }

        return (snapshot.Uploads.Count, snapshot.Quarters.Count);
    }

    /// <summary>Every published report file hashes to what its version recorded. Nothing to repair: versions are immutable.</summary>
    public async Task<int> AuditReportsAsync(Action<AuditFinding> found, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var quarter in await reports.ListQuartersAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var version in await reports.ListVersionsAsync(quarter, cancellationToken).ConfigureAwait(false))
            {
                count++;
                // The snapshot (what the committee's pages show) is checked as the files are; older versions have none.
                (string Blob, string Sha)[] files = version.SnapshotBlob.Length == 0
                    ? [(version.WorkbookBlob, version.WorkbookSha256), (version.CsvBlob, version.CsvSha256)]
                    : [(version.WorkbookBlob, version.WorkbookSha256), (version.CsvBlob, version.CsvSha256), (version.SnapshotBlob, version.SnapshotSha256)];
                foreach (var (blob, sha) in files)
                {
                    var actual = await reports.HashAsync(blob, cancellationToken).ConfigureAwait(false);
                    if (actual == sha) continue;
                    var detail = actual is null
                        ? AuditTexts.ReportFileMissing.With(("version", version.Number), ("blob", blob))
                        : AuditTexts.ReportFileChanged.With(("version", version.Number), ("blob", blob), ("actual", actual), ("expected", sha));
                    LogFinding(logger, DriftKind.ReportFileMismatch.Code(), "reports", quarter.ToString(), null, English.Render(detail), false);
                    found(new AuditFinding(DriftKind.ReportFileMismatch, "reports", quarter.ToString(), null, detail, false));
                }
            }
        }

        return count;
    }

    /// <summary>Moves a slot's pointer to the newest valid upload (one conditional write, as processing makes it).</summary>
    private async Task<bool> PointAtAsync(LedgerSnapshot snapshot, QuarterState state, SubmissionRow newest, CurrentPointer? pointer, CancellationToken cancellationToken)
    {
        var desired = state.With(new CurrentPointer(newest.Period!.Value, newest.Kind!.Value, newest.UploadId, newest.ReceivedAt, newest.Sha256, newest.BlobName, pointer?.UploadId));
        if (await ledger.ClaimAsync(snapshot, state, desired, cancellationToken).ConfigureAwait(false) == ClaimOutcome.Conflict) return false;
        // The upload it displaced is marked superseded by the newest one, as processing would have marked it.
        if (pointer is not null && snapshot.Uploads.TryGetValue(newest.UploadId, out var row))
            await ledger.RecordAsync(snapshot, row with { Status = SubmissionStatus.Accepted }, pointer.UploadId, cancellationToken).ConfigureAwait(false);
        return await records.ExistsAsync(snapshot.PartitionKey, newest.UploadId, cancellationToken).ConfigureAwait(false) ||
            await processor.RepairRecordsAsync(snapshot.PartitionKey, desired.Pointer(newest.Period!.Value, newest.Kind!.Value)!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Processes a current upload again so its submission is recorded (it finds itself current and finishes).</summary>
    private async Task<bool> ReprocessAsync(string partition, string blobName, CancellationToken cancellationToken)
    {
        var outcome = await processor.ProcessBlobAsync(blobName, cancellationToken).ConfigureAwait(false);
        return outcome.Status is UploadOutcomeStatus.Accepted or UploadOutcomeStatus.AlreadyProcessed && SubmissionLedger.PartitionFor(UploadIdentity.LicenceFolder(blobName)) == partition;
    }

    // The log is for engineers, in English; people read the findings in their language.
    private static readonly Words English = MessageCatalog.Default.In(Language.En);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: {Kind} in {Partition} {Quarter} (upload {Upload}): {Detail}; repaired: {Repaired}")]
    private static partial void LogFinding(ILogger logger, string kind, string partition, string? quarter, string? upload, string detail, bool repaired);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit: {Licences} licences, {Submissions} submissions, {States} quarter states, {Versions} report versions; {Findings} findings, {Repaired} repaired")]
    private static partial void LogAudited(ILogger logger, int licences, int submissions, int states, int versions, int findings, int repaired);
}
