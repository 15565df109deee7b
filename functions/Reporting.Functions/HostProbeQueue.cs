using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Reporting.Functions;

/// <summary>
/// PROBE, to remove or replace: a trivial queue-triggered function that lets tests check the queue trigger
/// payload the host sends (the message text and its trigger metadata) against the real worker. It only logs.
/// </summary>
public sealed partial class HostProbeQueue(ILogger<HostProbeQueue> logger)
{
    [Function(nameof(HostProbeQueue))]
    public void Run(
        [QueueTrigger("host-probe", Connection = "AzureWebJobsStorage")] string message,
        string id,
        long dequeueCount,
        DateTimeOffset insertionTime)
    {
        LogReceived(logger, id, dequeueCount, insertionTime, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe message {Id} (dequeue count {DequeueCount}, inserted {InsertionTime:O}): {Message}")]
    private static partial void LogReceived(ILogger logger, string id, long dequeueCount, DateTimeOffset insertionTime, string message);
}
