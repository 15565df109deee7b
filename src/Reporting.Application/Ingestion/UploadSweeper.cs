using Reporting.Domain.Consolidation;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Rules;
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
/// </summary>
public sealed record SweepResult(IReadOnlyList<UploadOutcome> Outcomes, int BlobsSeen, int Reassessed, IReadOnlyList<SweepFailure> Failures, bool StoppedEarly = false)
{
    public int Count(UploadOutcomeStatus status) => Outcomes.Count(o => o.Status == status);
    public bool HasFailures => Failures.Count > 0 || Outcomes.Any(o => o.Status == UploadOutcomeStatus.Failed);
}

/// <summary>
/// Processes every upload that has no submission yet: what local runs use instead of Event Grid, and
/// the production safety net for lost events. Licences are processed in parallel, each licence's
/// uploads in the order they arrived; then every licence-quarter whose stored assessment is behind its
/// reports, the rules or the registry is re-assessed. A transient fault fails only the uploads it hits
/// (the next sweep picks them up), but storage failing several times in a row stops the sweep at once: with
/// storage down, every further upload would only wait out its own retries.
/// </summary>
public sealed partial class UploadSweeper(
    UploadBlobs uploads,
    SubmissionLedger ledger,
    UploadProcessor processor,
    QuarterReassessor reassessor,
    AssessmentStore assessments,
    RegistryStore registry,
    RuleSetProvider rules,
    StorageInitializer storage,
    IOptions<IngestionOptions> options,
    ILogger<UploadSweeper> logger)
{
    public async Task<SweepResult> SweepAsync(IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var groups = new Dictionary<string, List<UploadBlob>>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var blob in uploads.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var key = SubmissionLedger.PartitionFor(UploadIdentity.LicenceFolder(blob.Name));
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add(blob);
            total++;
        }

        var outcomes = new ConcurrentDictionary<string, UploadOutcome>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<SweepFailure>();
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
                        context = new LedgerContext(ledger, group.Key);
                    }

                    progress?.Report(new SweepProgress(Interlocked.Increment(ref examined), total));
                }

                foreach (var (quarter, state) in context.Snapshot.Quarters) revisions[(group.Key, quarter)] = state.Revision;
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Storage kept failing: every upload not reached is counted once, as not attempted.
            foreach (var blob in groups.Values.SelectMany(g => g))
                outcomes.TryAdd(blob.Name, Failed(blob, UploadIdentity.Id(blob.Name, blob.ETag), IngestionTexts.NotAttempted, null));
            var stopped = outcomes.Values.Where(o => o.Status != UploadOutcomeStatus.AlreadyProcessed).OrderBy(o => o.Blob, StringComparer.Ordinal).ToArray();
            return new SweepResult(stopped, total, 0, failures.ToArray(), StoppedEarly: true);
        }

        var reassessed = 0;
        try
        {
            reassessed = await ReassessStaleAsync(revisions, failures, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            LogFailed(logger, "the re-assessment step", e.Message);
            failures.Add(new SweepFailure("re-assessment", e.Message));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A bug (or stored data no version writes): logged with its stack; the uploads above are recorded, the next sweep tries again.
            LogError(logger, "the re-assessment step", e);
            failures.Add(new SweepFailure("re-assessment", e.Message));
        }

        var ordered = outcomes.Values.OrderBy(o => o.Blob, StringComparer.Ordinal).ToArray();
        LogSwept(logger, total, ordered.Length, reassessed);
        return new SweepResult(ordered, total, reassessed, failures.ToArray());
    }

    private static UploadOutcome Failed(UploadBlob blob, string uploadId, Domain.Text.TextKey why, string? error) =>
        new(blob.Name, uploadId, UploadOutcomeStatus.Failed, null, null, null, 0, 0, null, why.With(), error);

    /// <summary>Re-assesses the licence-quarters whose stored assessment is behind their reports, the rules or the registry.</summary>
    private async Task<int> ReassessStaleAsync(ConcurrentDictionary<(string PartitionKey, Quarter Quarter), long> revisions, ConcurrentBag<SweepFailure> failures, CancellationToken cancellationToken)
    {
        var (registryVersion, _, _) = await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        var ruleVersion = rules.Rules.Version;
        var stale = new List<(string PartitionKey, Quarter Quarter)>();
        foreach (var quarter in revisions.Keys.Select(k => k.Quarter).Distinct())
        {
            var stored = new Dictionary<string, AssessmentSummary>(StringComparer.Ordinal);
            await foreach (var assessment in assessments.ListAsync(quarter, cancellationToken).ConfigureAwait(false))
                stored[KeyEncoding.Escape(assessment.Licence.ToUpperInvariant())] = assessment;
            foreach (var ((partitionKey, q), revision) in revisions.Where(r => r.Key.Quarter == quarter))
            {
                if (!stored.TryGetValue(partitionKey, out var current) || current.InputRevision < revision ||
                    current.RuleVersion != ruleVersion || current.RegistryVersion != registryVersion)
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
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                LogError(logger, $"{item.PartitionKey} {item.Quarter}", e);
                failures.Add(new SweepFailure($"{item.PartitionKey} {item.Quarter}", e.Message));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep: {Blobs} blobs, {Processed} processed, {Reassessed} assessments written")]
    private static partial void LogSwept(ILogger logger, int blobs, int processed, int reassessed);
}
