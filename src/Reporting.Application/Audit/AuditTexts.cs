using Reporting.Domain.Text;

namespace Reporting.Application.Audit;

/// <summary>What the audit found, exactly, as an operator reads it.</summary>
public static class AuditTexts
{
    public static readonly TextKey CurrentNotNewest = new("audit.detail.current-not-newest", "month", "kind", "current", "newest", "blob");
    public static readonly TextKey CurrentWithoutSubmission = new("audit.detail.current-without-submission", "month", "kind", "blob");
    public static readonly TextKey RecordsMissing = new("audit.detail.records-missing", "month", "kind", "blob");
    public static readonly TextKey FeedbackMissing = new("audit.detail.feedback-missing", "files");
    public static readonly TextKey AssessmentMissing = new("audit.detail.assessment-missing");
    public static readonly TextKey AssessmentBehind = new("audit.detail.assessment-behind", "revision", "current", "rules", "registry");
    public static readonly TextKey ReportFileMissing = new("audit.detail.report-file-missing", "version", "blob");
    public static readonly TextKey ReportFileChanged = new("audit.detail.report-file-changed", "version", "blob", "actual", "expected");
}
