using Reporting.Application.Validation;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;

namespace Reporting.Web.Rendering;

public sealed record PageLink(string Href, string Text);

public sealed record MessageModel(string Text, PageLink? Link);

public sealed record HomeModel(IReadOnlyList<Licence> Licences, bool ReadOnly);

public sealed record SignInModel(IReadOnlyList<RegistryUser> Users);

/// <summary>One upload in a licence's history; <c>Status</c> null while it waits for processing.</summary>
public sealed record HistoryRow(string UploadId, DateTimeOffset Received, ReportKind? Kind, Month? Period, SubmissionStatus? Status, int Errors, int Warnings)
{
    /// <summary>The report that counts for its month and kind (the quarter state's current upload).</summary>
    public bool Current => Status == SubmissionStatus.Accepted;
}

public sealed record LicenceModel(Licence Licence, bool CanUpload, long MaxBytes, IReadOnlyList<HistoryRow> History, IReadOnlyList<Quarter> Quarters);

/// <summary>
/// One upload's page: the file, the check of its bytes (the same validator and upload checks as processing, worded in the
/// reader's language), and the processing outcome once recorded (null while pending).
/// </summary>
public sealed record SubmissionModel(
    string Licence,
    string UploadId,
    string? OriginalName,
    DateTimeOffset Received,
    ReportKind? Kind,
    Month? Period,
    int Errors,
    int Warnings,
    int NotListed,
    IReadOnlyList<IssueView> Issues,
    SubmissionOutcome? Outcome,
    TimeSpan PollInterval);

/// <summary>What processing decided: the status, its sentence, and whether a marked-up workbook can be downloaded.</summary>
public sealed record SubmissionOutcome(SubmissionStatus Status, string Sentence, bool Counts, bool HasFeedbackWorkbook);

public sealed record AssessmentModel(string Licence, Quarter Quarter, AssessmentSummary? Summary, IReadOnlyList<Domain.Assessment.Violation> Violations);

/// <summary>A quarter on the committee's list: its latest version and that version's overview (null for a version without a snapshot).</summary>
public sealed record CommitteeQuarterRow(Quarter Quarter, Storage.Reports.ReportVersion Latest, QuarterOverview? Overview);

/// <summary>A version of a quarter's report and what changed from the version before (null for the first, or when either lacks a snapshot).</summary>
public sealed record CommitteeVersionRow(Storage.Reports.ReportVersion Version, bool First, ReportChanges? Changes);

/// <summary>A quarter's dashboard: the latest version's stored report and overview, and every version.</summary>
public sealed record CommitteeQuarterModel(
    Quarter Quarter,
    Storage.Reports.ReportVersion Latest,
    QuarterlyReport? Report,
    QuarterOverview? Overview,
    IReadOnlyList<CommitteeVersionRow> Versions);

public sealed record CommitteeQuartersModel(IReadOnlyList<CommitteeQuarterRow> Quarters);
