using Reporting.Domain.Text;

namespace Reporting.Application.Ingestion;

/// <summary>The words of processing's outcomes: the feedback's status line and what the command line says of an upload.</summary>
public static class IngestionTexts
{
    public static readonly TextKey StatusAccepted = new("feedback.status.accepted");
    public static readonly TextKey StatusAcceptedReplaces = new("feedback.status.accepted-replaces");
    public static readonly TextKey StatusDuplicate = new("feedback.status.duplicate");
    public static readonly TextKey StatusSuperseded = new("feedback.status.superseded");
    public static readonly TextKey StatusRejected = new("feedback.status.rejected", "errors");
    public static readonly TextKey SkippedDeleted = new("ingest.skipped.deleted");
    public static readonly TextKey SkippedOverwritten = new("ingest.skipped.overwritten");
    public static readonly TextKey FailedStorage = new("ingest.failed.storage");
    public static readonly TextKey FailedUnexpected = new("ingest.failed.unexpected");
    public static readonly TextKey NotAttempted = new("ingest.failed.not-attempted");
}
