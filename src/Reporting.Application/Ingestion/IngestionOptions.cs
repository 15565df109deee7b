using System.ComponentModel.DataAnnotations;

namespace Reporting.Application.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Uploads processed at once by a sweep (licences are processed in parallel, each licence's uploads in order).</summary>
    [Range(1, 64)]
    public int MaxParallelism { get; set; } = 8;

    /// <summary>How often a conflicting concurrent write is retried before the upload is left for the next attempt.</summary>
    [Range(1, 100)]
    public int MaxConflictRetries { get; set; } = 20;

    /// <summary>
    /// Take an upload's receipt time from its <c>received_at</c> metadata instead of the storage timestamp.
    /// Only for trusted back-fills of archived reports (and the demo, which uploads years at once); off by
    /// default, because a miner could otherwise claim to have filed on time.
    /// </summary>
    public bool TrustReceivedAtMetadata { get; set; }
}
