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

    /// <summary>
    /// The language of feedback for a licence whose registry row names none (kk, ru or en). Russian by default: it is
    /// the working language of most filers' accountants; the registry's Language column sets Kazakh or English per licence.
    /// </summary>
    public Domain.Text.Language FeedbackLanguage { get; set; } = Domain.Text.Language.Ru;

    /// <summary>
    /// Largest unpacked size of a rejected file's sheets that is returned as a copy with its problem cells marked (which
    /// loads the whole workbook into memory); a larger file gets the list of its problems alone.
    /// </summary>
    [Range(0, 256L * 1024 * 1024)]
    public long AnnotateMaxBytes { get; set; } = Excel.Feedback.FeedbackWorkbookWriter.DefaultAnnotateMaxBytes;

    /// <summary>Storage faults in a row after which a sweep stops (storage is down): it gives up in seconds, not upload by upload.</summary>
    [Range(1, 1000)]
    public int MaxConsecutiveFaults { get; set; } = 3;
}
