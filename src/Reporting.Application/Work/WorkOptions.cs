using System.ComponentModel.DataAnnotations;

namespace Reporting.Application.Work;

/// <summary>
/// How units of work are retried. The Functions host applies host.json's queue settings itself; these are the same
/// values for the app's own decisions (when a failure is the last attempt) and for `reporting serve`, which runs the
/// queues locally. A test keeps them equal to host.json.
/// </summary>
public sealed class WorkOptions
{
    public const string SectionName = "Work";

    /// <summary>Deliveries of a message before it moves to the poison queue (host.json queues.maxDequeueCount).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How long a failed message stays invisible before its next attempt (host.json queues.visibilityTimeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages `reporting serve` takes from a queue at once (host.json queues.batchSize).</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 4;
}
