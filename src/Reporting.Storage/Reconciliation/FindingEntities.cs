namespace Reporting.Storage.Reconciliation;

/// <summary>A finding (PK month, RK licence|code|kind|subject); kept with ResolvedAt once a later run no longer finds it.</summary>
public sealed record FindingEntity : TableRow
{
    public string Code { get; set; } = "";
    public string Licence { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Subject { get; set; }

    /// <summary>The message: code, variant and values (MessageJson), worded when read.</summary>
    public string Message { get; set; } = "";

    public string Figures { get; set; } = "[]";
    public string Source { get; set; } = "";
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>The mark a run merges into a finding it no longer finds.</summary>
public sealed record FindingResolution : TableRow
{
    public DateTimeOffset ResolvedAt { get; set; }
}

/// <summary>One run of a month's reconciliation against one source (PK month, RK source|batch, or source|time-random).</summary>
public sealed record ReconciliationRunEntity : TableRow
{
    public DateTimeOffset At { get; set; }

    /// <summary>A FindingSource code.</summary>
    public string Source { get; set; } = "";

    /// <summary>A SourceState code.</summary>
    public string State { get; set; } = "";

    /// <summary>Why the state is not "available" (MessageJson), worded when read.</summary>
    public string? Detail { get; set; }

    /// <summary>The timer tick whose unit made the run; null for a run started by hand.</summary>
    public string? Batch { get; set; }

    public int Findings { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
}
