using Reporting.Storage;
using Reporting.Storage.Work;

namespace Reporting.Application.Work;

/// <summary>A queue's state: messages waiting, messages in its poison queue, and the units whose last run failed for good.</summary>
public sealed record QueueStatus(WorkQueue Queue, int Waiting, int Poison, IReadOnlyList<string> PoisonMessages, IReadOnlyList<WorkUnitStatus> Units);

/// <summary>`reporting status` and `reporting retry`: what the queues hold and what failed, and sending failed units again.</summary>
public sealed class WorkStatusService(WorkQueueStore queues, WorkUnitStore units, StorageInitializer storage)
{
    public async Task<IReadOnlyList<QueueStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<QueueStatus>();
        foreach (var queue in Enum.GetValues<WorkQueue>())
        {
            var waiting = await queues.CountAsync(queue, poison: false, cancellationToken).ConfigureAwait(false);
            var poison = await queues.CountAsync(queue, poison: true, cancellationToken).ConfigureAwait(false);
            var peeked = poison > 0 ? await queues.PeekPoisonAsync(queue, cancellationToken).ConfigureAwait(false) : [];
            var recorded = await units.ListAsync(queue, cancellationToken).ConfigureAwait(false);
            result.Add(new QueueStatus(queue, waiting, poison, peeked, recorded.OrderBy(u => u.Target, StringComparer.Ordinal).ToArray()));
        }

        return result;
    }

    /// <summary>Moves every poison message (of one queue, or all) back to its queue; returns the units sent again.</summary>
    public async Task<IReadOnlyList<string>> RetryAsync(WorkQueue? queue, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var moved = new List<string>();
        foreach (var q in queue is { } one ? [one] : Enum.GetValues<WorkQueue>())
            moved.AddRange(await queues.RetryPoisonAsync(q, cancellationToken).ConfigureAwait(false));
        return moved;
    }
}
