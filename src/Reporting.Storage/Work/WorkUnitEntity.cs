namespace Reporting.Storage.Work;

/// <summary>The last run of a unit of work (PK the queue's code, RK the unit's target): what `reporting status` shows.</summary>
public sealed record WorkUnitEntity : TableRow
{
    /// <summary>The unit's target as written in its message (the row key is its escaped form).</summary>
    public string Target { get; set; } = "";

    /// <summary>The timer tick (schedule occurrence) that enqueued the unit.</summary>
    public string Batch { get; set; } = "";

    /// <summary>A <see cref="WorkUnitState"/> code.</summary>
    public string State { get; set; } = "";

    /// <summary>The delivery this state was recorded by (the queue message's dequeue count).</summary>
    public long Attempt { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>What the unit did (done) or why it failed (failed, poisoned): a message (MessageJson), worded when read.</summary>
    public string? Detail { get; set; }
}
