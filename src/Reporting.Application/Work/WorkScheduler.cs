using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Schedules;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Storage.Work;

namespace Reporting.Application.Work;

/// <summary>
/// What a timer does: decide what is due and enqueue it, nothing more (the queue functions do the work, one bounded unit
/// each). The units' batch is the schedule occurrence the tick belongs to, so a tick fired twice (a lost lock, a restart)
/// enqueues the same unit ids again, and the units are idempotent.
/// </summary>
public sealed partial class WorkScheduler(WorkPlanner planner, WorkQueueStore queues, StorageInitializer storage, IOptions<ScheduleOptions> schedules,
    TimeProvider time, ILogger<WorkScheduler> logger)
{
    public async Task<IReadOnlyList<WorkUnit>> TickAsync(WorkQueue kind, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var batch = WorkUnit.BatchOf(Occurrence(ScheduleOptions.Parse(schedules.Value.Of(kind)), now));
        var units = kind switch
        {
            WorkQueue.Sweep => await planner.SweepAsync(batch, cancellationToken).ConfigureAwait(false),
            WorkQueue.Reconcile => planner.Reconciliation(now, batch),
            WorkQueue.Report => planner.Reports(now, batch),
            WorkQueue.Audit => await planner.AuditAsync(batch, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        await EnqueueAsync(units, cancellationToken).ConfigureAwait(false);
        LogTick(logger, kind.Code(), batch, units.Count);
        return units;
    }

    /// <summary>Sends units to their queues (several at once).</summary>
    public async Task EnqueueAsync(IEnumerable<WorkUnit> units, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (unit, token) => await queues.SendAsync(unit.Queue, unit.ToMessage(), token).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>
    /// The occurrence of the schedule a tick at <paramref name="now"/> belongs to: the latest one at or before it (a tick the
    /// host fires late still belongs to its own occurrence), or <paramref name="now"/> itself if none is within 32 days.
    /// </summary>
    public static DateTimeOffset Occurrence(CronExpression schedule, DateTimeOffset now)
    {
        foreach (var lookBack in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32) })
        {
            DateTimeOffset? latest = null;
            foreach (var occurrence in schedule.GetOccurrences(now - lookBack, now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true)) latest = occurrence;
            if (latest is { } found) return found;
        }

        return now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Kind} ({Batch}): {Units} units enqueued")]
    private static partial void LogTick(ILogger logger, string kind, string batch, int units);
}
