namespace Reporting.Domain.Reconciliation;

/// <summary>How far a reconciliation run of a month got with one source (codes: "available", "partial", ...).</summary>
public enum SourceState
{
    /// <summary>Every licence was checked.</summary>
    Available,

    /// <summary>Some licences could not be checked (their earlier findings from the source stay); a later run retries them.</summary>
    Partial,

    /// <summary>Nothing could be checked; the source's earlier findings stay.</summary>
    Unavailable,

    /// <summary>The source has no address or key configured and was not asked.</summary>
    NotConfigured,
}
