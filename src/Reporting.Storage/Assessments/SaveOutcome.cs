namespace Reporting.Storage.Assessments;

public enum SaveOutcome
{
    Written,

    /// <summary>The same inputs, rules and registry were already stored.</summary>
    Unchanged,

    /// <summary>An assessment of newer inputs is already stored; this one was dropped.</summary>
    Stale,

    /// <summary>A current report's records are still being written; whoever writes them assesses after.</summary>
    Incomplete,

    /// <summary>The same assessment was stored, but some of its violation rows were missing: they were written again.</summary>
    Repaired,
}
