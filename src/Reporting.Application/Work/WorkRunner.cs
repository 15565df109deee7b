using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Audit;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Application.Reports;
using Reporting.Domain;
using Reporting.Domain.Text;
using Reporting.Storage;
using Reporting.Storage.Work;

namespace Reporting.Application.Work;

/// <summary>What a unit did: a summary a person reads, and the uploads a sweep unit processed (each with its outcome).</summary>
public sealed record WorkDone(Message Summary, IReadOnlyList<UploadOutcome> Uploads);

/// <summary>A unit that ran but left part of its work undone (an upload that storage failed): its message should come back.</summary>
public sealed class WorkIncompleteException(string message) : Exception(message);

/// <summary>
/// Does one unit of work: the same for the Functions app's queue triggers and for `reporting serve`. Every unit is
/// idempotent (a redelivered message changes nothing) and saves its results when it finishes. Its last state is recorded
/// (WorkUnits) so a person can see what ran, what failed and what ended in the poison queue. A failure is rethrown, so
/// the host returns the message for another attempt; on the last allowed attempt it is recorded as poisoned.
/// </summary>
public sealed partial class WorkRunner(
    UploadSweeper sweeper,
    ReconciliationService reconciliation,
    QuarterlyReportService reports,
    StateAuditor auditor,
    WorkUnitStore units,
    IOptions<WorkOptions> options,
    TimeProvider time,
    ILogger<WorkRunner> logger)
{
    /// <summary>Runs the unit a message of <paramref name="queue"/> names (<paramref name="dequeueCount"/>: its delivery, from 1).</summary>
    public async Task<WorkDone> RunAsync(WorkQueue queue, string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var unit = WorkUnit.Parse(message);
        if (unit.Queue != queue) throw new FormatException($"A {unit.Queue.Code()} unit arrived on the {queue.Code()} queue.");
        return await RunAsync(unit, dequeueCount, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkDone> RunAsync(WorkUnit unit, long dequeueCount, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        await units.RecordAsync(new WorkUnitStatus(unit.Queue, unit.Target, unit.Batch, WorkUnitState.Running, dequeueCount, started, null, null), cancellationToken).ConfigureAwait(false);
        try
        {
            var done = await DoAsync(unit, cancellationToken).ConfigureAwait(false);
            await units.RecordAsync(new WorkUnitStatus(unit.Queue, unit.Target, unit.Batch, WorkUnitState.Done, dequeueCount, started, time.GetUtcNow(), done.Summary), cancellationToken).ConfigureAwait(false);
            LogDone(logger, unit.Id, dequeueCount);
            return done;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var last = dequeueCount >= options.Value.MaxDequeueCount;
            LogFailed(logger, unit.Id, dequeueCount, last, e);
            try
            {
                await units.RecordAsync(new WorkUnitStatus(unit.Queue, unit.Target, unit.Batch, last ? WorkUnitState.Poisoned : WorkUnitState.Failed, dequeueCount, started,
                    time.GetUtcNow(), WorkTexts.Failed.With(("error", e.Message))), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception recording) when (TransientFaults.IsTransient(recording))
            {
                // Storage is what failed: the message still comes back (or goes to the poison queue) without the record.
                LogNotRecorded(logger, unit.Id, recording.Message);
            }

            throw;
        }
    }

    private async Task<WorkDone> DoAsync(WorkUnit unit, CancellationToken cancellationToken)
    {
        switch (unit.Queue)
        {
            case WorkQueue.Sweep:
                var swept = await sweeper.SweepFolderAsync(unit.Target, cancellationToken).ConfigureAwait(false);
                if (swept.HasFailures)
                {
                    var failed = swept.Outcomes.Count(o => o.Status == UploadOutcomeStatus.Failed) + swept.Failures.Count;
                    throw new WorkIncompleteException($"{failed} uploads or re-assessments of folder '{unit.Target}' failed; they are tried again.");
                }

                return new(WorkTexts.SweepDone.With(("processed", swept.Outcomes.Count), ("reassessed", swept.Reassessed)), swept.Outcomes);
            case WorkQueue.Reconcile:
                var (month, source) = unit.ReconcileTarget();
                var run = await reconciliation.ReconcileSourceAsync(month, source, unit.Batch, cancellationToken).ConfigureAwait(false);
                return new(WorkTexts.ReconcileDone.With(("state", Terms.Term(run.Status.State)), ("findings", run.Findings), ("added", run.Added), ("resolved", run.Removed)), []);
            case WorkQueue.Report:
                var built = await reports.BuildAsync(unit.ReportTarget(), cancellationToken).ConfigureAwait(false);
                return new((built.Created ? WorkTexts.ReportNew : WorkTexts.ReportUnchanged).With(("version", built.Version.Number)), []);
            case WorkQueue.Audit:
                var findings = new List<AuditFinding>();
                if (unit.Target == WorkUnit.ReportsTarget) await auditor.AuditReportsAsync(findings.Add, cancellationToken).ConfigureAwait(false);
                else await auditor.AuditLicenceAsync(unit.Target, repair: true, findings.Add, cancellationToken).ConfigureAwait(false);
                return new(WorkTexts.AuditDone.With(("findings", findings.Count), ("repaired", findings.Count(f => f.Repaired))), []);
            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit.Queue, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit {Unit} done (delivery {Delivery})")]
    private static partial void LogDone(ILogger logger, string unit, long delivery);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unit {Unit} failed (delivery {Delivery}, last: {Last})")]
    private static partial void LogFailed(ILogger logger, string unit, long delivery, bool last, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The failure of unit {Unit} could not be recorded: {Message}")]
    private static partial void LogNotRecorded(ILogger logger, string unit, string message);
}
