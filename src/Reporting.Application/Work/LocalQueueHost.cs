using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Storage;
using Reporting.Storage.Work;

namespace Reporting.Application.Work;

/// <summary>What a local run of a message did.</summary>
public sealed record LocalRun(WorkQueue Queue, string Message, long Delivery, WorkDone? Done, string? Error, bool Poisoned)
{
    /// <summary>The unit's target, or the raw message when it is not a unit.</summary>
    public string Target
    {
        get
        {
            try
            {
                return WorkUnit.Parse(Message).Target;
            }
            catch (FormatException)
            {
                return Message;
            }
        }
    }
}

/// <summary>
/// `reporting serve`'s stand-in for the Functions host's queue listener, with the host's semantics (host.json's values in
/// <see cref="WorkOptions"/>): a message is hidden while it runs, deleted when its unit is done, made visible again after
/// <see cref="WorkOptions.RetryDelay"/> when it fails, and moved to the poison queue after its last allowed attempt. The
/// same <see cref="WorkRunner"/> does the work, so local runs behave as production does.
/// </summary>
public sealed partial class LocalQueueHost(WorkQueueStore queues, WorkRunner runner, IOptions<WorkOptions> options, ILogger<LocalQueueHost> logger)
{
    /// <summary>How long a message stays hidden while its unit runs (the host's functionTimeout bounds a unit the same way).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>Takes the visible messages of every queue (a batch each) and runs them; returns what ran.</summary>
    public async Task<IReadOnlyList<LocalRun>> RunVisibleAsync(CancellationToken cancellationToken)
    {
        var runs = new List<LocalRun>();
        foreach (var queue in Enum.GetValues<WorkQueue>())
        {
            var messages = await queues.ReceiveAsync(queue, options.Value.BatchSize, Lease, cancellationToken).ConfigureAwait(false);
            var results = await Task.WhenAll(messages.Select(m => RunAsync(m, cancellationToken))).ConfigureAwait(false);
            runs.AddRange(results);
        }

        return runs;
    }

    private async Task<LocalRun> RunAsync(ReceivedWork message, CancellationToken cancellationToken)
    {
        try
        {
            var done = await runner.RunAsync(message.Queue, message.Text, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            await queues.DeleteAsync(message, cancellationToken).ConfigureAwait(false);
            return new LocalRun(message.Queue, message.Text, message.DequeueCount, done, null, false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The runner logged the failure with its stack; here the message follows the host's rules.
            var last = message.DequeueCount >= options.Value.MaxDequeueCount;
            if (last) await queues.MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            else await queues.ReleaseAsync(message, options.Value.RetryDelay, cancellationToken).ConfigureAwait(false);
            LogReleased(logger, message.Queue.Code(), message.DequeueCount, last);
            return new LocalRun(message.Queue, message.Text, message.DequeueCount, null, e.Message, last);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Queue} message failed on delivery {Delivery}; moved to the poison queue: {Poisoned}")]
    private static partial void LogReleased(ILogger logger, string queue, long delivery, bool poisoned);
}
