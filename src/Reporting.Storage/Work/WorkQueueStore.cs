using Azure;
using Azure.Storage.Queues.Models;

namespace Reporting.Storage.Work;

/// <summary>A message taken from a queue: its text, how often it has been delivered, and what deleting it needs.</summary>
public sealed record ReceivedWork(WorkQueue Queue, string Text, long DequeueCount, string MessageId, string PopReceipt, DateTimeOffset? InsertedOn);

/// <summary>
/// The queues that carry units of work (one per kind) and their poison queues. The Functions host reads the queues
/// itself; `reporting serve` reads them through <see cref="ReceiveAsync"/> with the same semantics (a message not
/// deleted comes back after its visibility timeout; after the last allowed attempt it moves to the poison queue).
/// </summary>
public sealed class WorkQueueStore(StorageClients clients)
{
    public async Task SendAsync(WorkQueue queue, string text, CancellationToken cancellationToken) =>
        await clients.Queue(queue).SendMessageAsync(text, cancellationToken).ConfigureAwait(false);

    /// <summary>Up to <paramref name="max"/> visible messages, hidden for <paramref name="visibility"/> while they are worked on.</summary>
    public async Task<IReadOnlyList<ReceivedWork>> ReceiveAsync(WorkQueue queue, int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var messages = await clients.Queue(queue).ReceiveMessagesAsync(max, visibility, cancellationToken).ConfigureAwait(false);
        return messages.Value.Select(m => new ReceivedWork(queue, m.Body.ToString(), m.DequeueCount, m.MessageId, m.PopReceipt, m.InsertedOn)).ToArray();
    }

    /// <summary>Removes a message that was worked on; false when its pop receipt is no longer valid (it was delivered again).</summary>
    public async Task<bool> DeleteAsync(ReceivedWork message, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Queue(message.Queue).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404)
        {
            return false;
        }
    }

    /// <summary>What the Functions host does after a failed attempt: the message becomes visible again after <paramref name="delay"/>.</summary>
    public async Task ReleaseAsync(ReceivedWork message, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await clients.Queue(message.Queue).UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404)
        {
            // Its lease ran out and it was delivered again: nothing to release.
        }
    }

    /// <summary>What the Functions host does after the last allowed attempt: the message goes to the poison queue.</summary>
    public async Task MoveToPoisonAsync(ReceivedWork message, CancellationToken cancellationToken)
    {
        await clients.PoisonQueue(message.Queue).SendMessageAsync(message.Text, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The messages waiting in a queue's poison queue (the first 32: a queue peek's maximum).</summary>
    public async Task<IReadOnlyList<string>> PeekPoisonAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        var peeked = await clients.PoisonQueue(queue).PeekMessagesAsync(QueueClientMaxPeek, cancellationToken).ConfigureAwait(false);
        return peeked.Value.Select(m => m.Body.ToString()).ToArray();
    }

    /// <summary>How many messages a queue holds (the service's approximate count).</summary>
    public async Task<int> CountAsync(WorkQueue queue, bool poison, CancellationToken cancellationToken)
    {
        var client = poison ? clients.PoisonQueue(queue) : clients.Queue(queue);
        QueueProperties properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.ApproximateMessagesCount;
    }

    /// <summary>
    /// Moves every message of a poison queue back to its queue (after a fix), each sent before it is deleted, so a crash
    /// between the two leaves a copy in both (units are idempotent) and never none. Returns the texts moved.
    /// </summary>
    public async Task<IReadOnlyList<string>> RetryPoisonAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        var moved = new List<string>();
        while (true)
        {
            var batch = await clients.PoisonQueue(queue).ReceiveMessagesAsync(QueueClientMaxPeek, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
            if (batch.Value.Length == 0) return moved;
            foreach (var message in batch.Value)
            {
                await clients.Queue(queue).SendMessageAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
                await clients.PoisonQueue(queue).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved.Add(message.Body.ToString());
            }
        }
    }

    private const int QueueClientMaxPeek = 32;
}
