using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Rules;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Submissions;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.Storage.Ledger;
using Reporting.Storage.Registry;

namespace Reporting.Application.Ingestion;

public sealed record SweepProgress(int Examined, int Total);

/// <summary>A step of a sweep other than an upload that failed (a licence-quarter's re-assessment), with why.</summary>
public sealed record SweepFailure(string Item, string Error);

/// <summary>
/// What a sweep did: one outcome per upload it looked at (each counted once), the other steps that failed, and
/// whether it stopped early because storage kept failing (the uploads it did not reach are "failed": not attempted).
/// <c>Folders</c> is how many top-level folders had changed since their last complete sweep (the others were skipped).
/// </summary>
public sealed record SweepResult(IReadOnlyList<UploadOutcome> Outcomes, int BlobsSeen, int Reassessed, IReadOnlyList<SweepFailure> Failures, bool StoppedEarly = false, int Folders = 0)
{
    public int Count(UploadOutcomeStatus status) => Outcomes.Count(o => o.Status == status);
    public bool HasFailures => Failures.Count > 0 || Outcomes.Any(o => o.Status == UploadOutcomeStatus.Failed);
}

/// <summary>Which top-level folders of the uploads container changed since their last complete sweep.</summary>
public sealed record SweepPlan(IReadOnlyDictionary<string, IReadOnlyList<UploadBlob>> Folders, IReadOnlyList<string> Changed, int Blobs);

/// <summary>
/// Processes every upload that has no submission yet: what local runs use instead of Event Grid, and the production
/// safety net for lost events. The container is listed once; a top-level folder whose fingerprint (its uploads' names and
/// ETags, the rules and the registry versions) equals that of its last complete sweep is skipped, so the work follows what
/// changed, not all uploads ever made. In a changed folder, each licence's uploads are processed in the order they
/// arrived (licences in parallel), then every licence-quarter whose stored assessment is behind its reports, the rules or
/// the registry is re-assessed, and the folder's fingerprint is saved if nothing failed. A transient fault fails only the
/// uploads it hits (the next sweep picks them up), but storage failing several times in a row stops the sweep at once.
/// The queue's sweep unit is one folder (<see cref="SweepFolderAsync"/>).
/// </summary>
public sealed partial class UploadSweeper(
    UploadBlobs uploads,
    SubmissionLedger ledger,
    UploadProcessor processor,
    QuarterReassessor reassessor,
    AssessmentStore assessments,
    RegistryStore registry,
    RuleSetProvider rules,
    SweepFolderStore folders,
    StorageInitializer storage,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<UploadSweeper> logger)
{
    /// <summary>Lists the container and tells which folders changed since their last complete sweep.</summary>
    public async Task<SweepPlan> PlanAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var byFolder = new Dictionary<string, List<UploadBlob>>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var blob in uploads.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var folder = UploadBlobs.FolderOf(blob.Name);
            if (!byFolder.TryGetValue(folder, out var list)) byFolder[folder] = list = [];
            list.Add(blob);
            total++;
        }

        var versions = await VersionsAsync(cancellationToken).ConfigureAwait(false);
        var swept = await folders.LoadAsync(cancellationToken).ConfigureAwait(false);
        var changed = byFolder.Where(f => swept.GetValueOrDefault(SweepFingerprint.Key(f.Key)) != SweepFingerprint.Of(versions, f.Value))
            .Select(f => f.Key).Order(StringComparer.Ordinal).ToArray();
        return new SweepPlan(byFolder.ToDictionary(f => f.Key, f => (IReadOnlyList<UploadBlob>)f.Value, StringComparer.Ordinal), changed, total);
    }

    /// <summary>The whole container at once (the command line, the demo, `reporting serve`): every changed folder.</summary>
    public async Task<SweepResult> SweepAsync(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        var changed = plan.Changed.ToDictionary(f => f, f => plan.Folders[f], StringComparer.Ordinal);
        var result = await SweepFoldersAsync(changed, progress, cancellationToken).ConfigureAwait(false);
        return result with { BlobsSeen = plan.Blobs };
    }

    /// <summary>One folder (the queue's sweep unit): its blobs listed anew and processed, its fingerprint saved if nothing failed.</summary>
    public async Task<SweepResult> SweepFolderAsync(string folder, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blobs = new List<UploadBlob>();
        await foreach (var blob in uploads.ListFolderAsync(folder, cancellationToken).ConfigureAwait(false)) blobs.Add(blob);
        return await SweepFoldersAsync(new Dictionary<string, IReadOnlyList<UploadBlob>>(StringComparer.Ordinal) { [folder] = blobs }, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SweepResult> SweepFoldersAsync(IReadOnlyDictionary<string, IReadOnlyList<UploadBlob>> changed, IProgress<SweepProgress>? progress, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(cancellationToken).ConfigureAwait(false);
        var all = changed.Values.SelectMany(b => b).ToArray();
        var groups = all.GroupBy(b => SubmissionLedger.PartitionFor(UploadIdentity.LicenceFolder(b.Name)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        var outcomes = new ConcurrentDictionary<string, UploadOutcome>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<SweepFailure>();
        var failedPartitions = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var revisions = new ConcurrentDictionary<(string PartitionKey, Quarter Quarter), long>();
        var examined = 0;
        var faultsInARow = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(groups, parallel, async (group, token) =>
            {
                var context = new LedgerContext(ledger, group.Key);
                foreach (var blob in group.Value.OrderBy(b => b.LastModified).ThenBy(b => b.Name, StringComparer.Ordinal))
                {
                    var uploadId = UploadIdentity.Id(blob.Name, blob.ETag);
                    try
                    {
                        if (!context.IsLoaded) await context.LoadAsync(token).ConfigureAwait(false);
                        if (!context.Snapshot.HasUpload(uploadId)) outcomes[blob.Name] = await processor.ProcessAsync(blob, context, token).ConfigureAwait(false);
                        Interlocked.Exchange(ref faultsInARow, 0);
                    }
                    catch (Exception e) when (TransientFaults.IsTransient(e) && !token.IsCancellationRequested)
                    {
                        LogFailed(logger, blob.Name, e.Message);
                        outcomes[blob.Name] = Failed(blob, uploadId, IngestionTexts.FailedStorage, e.Message);
                        failedPartitions[group.Key] = true;
                        context = new LedgerContext(ledger, group.Key); // reload before the next upload of this licence
                        if (Interlocked.Increment(ref faultsInARow) >= options.Value.MaxConsecutiveFaults)
                        {
                            LogGivingUp(logger, faultsInARow);
                            await stop.CancelAsync().ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        // Not a storage fault (a bug, or an answer the code does not expect): logged with its stack; this upload stays
                        // unprocessed and is tried again next time, after the fix; the other uploads of the sweep go on.
                        LogError(logger, blob.Name, e);
                        outcomes[blob.Name] = Failed(blob, uploadId, IngestionTexts.FailedUnexpected, e.Message);
                        failedPartitions[group.Key] = true;
                        context = new LedgerContext(ledger, group.Key);
                    }

                    progress?.Report(new SweepProgress(Interlocked.Increment(ref examined), all.Length));
                }

                if (!context.IsLoaded) return; // every upload of the licence failed: nothing to re-assess yet
                foreach (var (quarter, state) in context.Snapshot.Quarters) revisions[(group.Key, quarter)] = state.Revision;
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Storage kept failing: every upload not reached is counted once, as not attempted.
            foreach (var blob in all)
                outcomes.TryAdd(blob.Name, Failed(blob, UploadIdentity.Id(blob.Name, blob.ETag), IngestionTexts.NotAttempted, null));
            var stopped = outcomes.Values.Where(o => o.Status != UploadOutcomeStatus.AlreadyProcessed).OrderBy(o => o.Blob, StringComparer.Ordinal).ToArray();
            return new SweepResult(stopped, all.Length, 0, failures.ToArray(), StoppedEarly: true, Folders: changed.Count);
        }

        var reassessed = 0;
        try
        {
            reassessed = await ReassessStaleAsync(revisions, versions, failures, failedPartitions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            LogFailed(logger, "the re-assessment step", e.Message);
            failures.Add(new SweepFailure("re-assessment", e.Message));
            foreach (var partition in groups.Keys) failedPartitions[partition] = true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A bug (or stored data no version writes): logged with its stack; the uploads above are recorded, the next sweep tries again.
            LogError(logger, "the re-assessment step", e);
            failures.Add(new SweepFailure("re-assessment", e.Message));
            foreach (var partition in groups.Keys) failedPartitions[partition] = true;
        }

        // A folder all of whose licences went through is remembered: the next sweep skips it until something in it changes.
        foreach (var (folder, blobs) in changed)
        {
            if (blobs.Any(b => failedPartitions.ContainsKey(SubmissionLedger.PartitionFor(UploadIdentity.LicenceFolder(b.Name))))) continue;
            await folders.SaveAsync(SweepFingerprint.Key(folder), SweepFingerprint.Of(versions, blobs), blobs.Count, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        var ordered = outcomes.Values.OrderBy(o => o.Blob, StringComparer.Ordinal).ToArray();
        LogSwept(logger, changed.Count, all.Length, ordered.Length, reassessed);
        return new SweepResult(ordered, all.Length, reassessed, failures.ToArray(), Folders: changed.Count);
    }

    private static UploadOutcome Failed(UploadBlob blob, string uploadId, Domain.Text.TextKey why, string? error) =>
        new(blob.Name, uploadId, UploadOutcomeStatus.Failed, null, null, null, 0, 0, null, why.With(), error);

    /// <summary>The versions the fingerprints include (the registry's from its one version row: no licence is read here).</summary>
    private async Task<SweepVersions> VersionsAsync(CancellationToken cancellationToken) =>
        new(rules.Rules.Version, await registry.GetVersionAsync(cancellationToken).ConfigureAwait(false) ?? "");

    /// <summary>Re-assesses the licence-quarters whose stored assessment is behind their reports, the rules or the registry.</summary>
    private async Task<int> ReassessStaleAsync(ConcurrentDictionary<(string PartitionKey, Quarter Quarter), long> revisions, SweepVersions versions,
        ConcurrentBag<SweepFailure> failures, ConcurrentDictionary<string, bool> failedPartitions, CancellationToken cancellationToken)
    {
        var stale = new List<(string PartitionKey, Quarter Quarter)>();
        foreach (var quarter in revisions.Keys.Select(k => k.Quarter).Distinct())
        {
            var stored = new Dictionary<string, AssessmentSummary>(StringComparer.Ordinal);
            await foreach (var assessment in assessments.ListAsync(quarter, cancellationToken).ConfigureAwait(false))
                stored[KeyEncoding.Escape(assessment.Licence.ToUpperInvariant())] = assessment;
            foreach (var ((partitionKey, q), revision) in revisions.Where(r => r.Key.Quarter == quarter))
            {
                if (!stored.TryGetValue(partitionKey, out var current) || current.InputRevision < revision ||
                    current.RuleVersion != versions.Rules || current.RegistryVersion != versions.Registry)
                {
                    stale.Add((partitionKey, q));
                }
            }
        }

        var count = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(stale, parallel, async (item, token) =>
        {
            try
            {
                if (await reassessor.ReassessAsync(item.PartitionKey, item.Quarter, token).ConfigureAwait(false) == SaveOutcome.Written)
                    Interlocked.Increment(ref count);
            }
            catch (Exception e) when (TransientFaults.IsTransient(e))
            {
                LogFailed(logger, $"{item.PartitionKey} {item.Quarter}", e.Message);
                failures.Add(new SweepFailure($"{item.PartitionKey} {item.Quarter}", e.Message));
                failedPartitions[item.PartitionKey] = true;
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogError(logger, $"{item.PartitionKey} {item.Quarter}", e);
                failures.Add(new SweepFailure($"{item.PartitionKey} {item.Quarter}", e.Message));
                failedPartitions[item.PartitionKey] = true;
            }
        }).ConfigureAwait(false);
        return count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient fault on {Item}: {Message}; left for the next attempt")]
    private static partial void LogFailed(ILogger logger, string item, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure on {Item}; left for the next attempt")]
    private static partial void LogError(ILogger logger, string item, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed {Faults} times in a row: the sweep stops; the uploads it did not reach wait for the next one")]
    private static partial void LogGivingUp(ILogger logger, int faults);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Folders} changed folders, {Blobs} blobs, {Processed} processed, {Reassessed} assessments written")]
    private static partial void LogSwept(ILogger logger, int folders, int blobs, int processed, int reassessed);
}
