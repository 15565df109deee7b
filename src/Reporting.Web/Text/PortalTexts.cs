using Reporting.Domain.Text;

namespace Reporting.Web.Text;

/// <summary>Every word of the portal's pages (catalogue part Text/portal.{kk,ru,en}.json in Reporting.Domain).</summary>
public static class PortalTexts
{
    public static readonly TextKey Title = new("portal.title");
    public static readonly TextKey SkipToContent = new("portal.skip-to-content");
    public static readonly TextKey SignedInAs = new("portal.signed-in-as", "user", "role");
    public static readonly TextKey SignOut = new("portal.sign-out");
    public static readonly TextKey LanguageSwitch = new("portal.language-switch");
    public static readonly TextKey DevelopmentBanner = new("portal.development-banner");
    public static readonly TextKey Footer = new("portal.footer");
    public static readonly TextKey BackHome = new("portal.back-home");

    public static readonly TextKey HomeHeading = new("portal.home.heading");
    public static readonly TextKey HomeCaption = new("portal.home.caption");
    public static readonly TextKey HomeReadOnly = new("portal.home.read-only");
    public static readonly TextKey HomeNone = new("portal.home.none");
    public static readonly TextKey ColumnLicence = new("portal.column.licence");
    public static readonly TextKey ColumnCompany = new("portal.column.company");
    public static readonly TextKey ColumnStatus = new("portal.column.status");

    public static readonly TextKey SignInHeading = new("portal.sign-in.heading");
    public static readonly TextKey SignInIntro = new("portal.sign-in.intro");
    public static readonly TextKey SignInCaption = new("portal.sign-in.caption");
    public static readonly TextKey SignInAs = new("portal.sign-in.as", "user");
    public static readonly TextKey SignInNone = new("portal.sign-in.none");
    public static readonly TextKey ColumnUser = new("portal.column.user");
    public static readonly TextKey ColumnRole = new("portal.column.role");
    public static readonly TextKey ColumnLicences = new("portal.column.licences");

    public static readonly TextKey SignedOutHeading = new("portal.signed-out.heading");
    public static readonly TextKey SignedOutText = new("portal.signed-out.text");
    public static readonly TextKey SignInLink = new("portal.signed-out.link");
    public static readonly TextKey NoAccessHeading = new("portal.no-access.heading");
    public static readonly TextKey NoAccessText = new("portal.no-access.text", "user");
    public static readonly TextKey NotFoundHeading = new("portal.not-found.heading");
    public static readonly TextKey NotFoundText = new("portal.not-found.text");
    public static readonly TextKey ReadOnlyHeading = new("portal.read-only.heading");
    public static readonly TextKey ReadOnlyText = new("portal.read-only.text");
    public static readonly TextKey RefusedHeading = new("portal.refused.heading");
    public static readonly TextKey RefusedText = new("portal.refused.text");
    public static readonly TextKey ErrorHeading = new("portal.error.heading");
    public static readonly TextKey ErrorText = new("portal.error.text", "reference");
    public static readonly TextKey TooLargeHeading = new("portal.too-large.heading");
    public static readonly TextKey TooLargeText = new("portal.too-large.text", "max_mb");
    public static readonly TextKey NoFileHeading = new("portal.no-file.heading");
    public static readonly TextKey NoFileText = new("portal.no-file.text");

    public static readonly TextKey LicenceHeading = new("portal.licence.heading", "licence");
    public static readonly TextKey LicenceValidity = new("portal.licence.validity", "from", "to", "status");
    public static readonly TextKey TemplatesHeading = new("portal.templates.heading");
    public static readonly TextKey TemplatesText = new("portal.templates.text");
    public static readonly TextKey TemplateConsumption = new("portal.templates.consumption");
    public static readonly TextKey TemplateSales = new("portal.templates.sales");
    public static readonly TextKey UploadHeading = new("portal.upload.heading");
    public static readonly TextKey UploadLabel = new("portal.upload.label", "max_mb");
    public static readonly TextKey UploadHint = new("portal.upload.hint");
    public static readonly TextKey UploadSubmit = new("portal.upload.submit");
    public static readonly TextKey HistoryHeading = new("portal.history.heading");
    public static readonly TextKey HistoryCaption = new("portal.history.caption");
    public static readonly TextKey HistoryNone = new("portal.history.none");
    public static readonly TextKey HistoryPeriodUnknown = new("portal.history.period-unknown");
    public static readonly TextKey HistoryCurrent = new("portal.history.current");
    public static readonly TextKey HistoryOpen = new("portal.history.open");
    public static readonly TextKey ColumnMonth = new("portal.column.month");
    public static readonly TextKey ColumnReport = new("portal.column.report");
    public static readonly TextKey ColumnReceived = new("portal.column.received");
    public static readonly TextKey ColumnErrors = new("portal.column.errors");
    public static readonly TextKey ColumnWarnings = new("portal.column.warnings");
    public static readonly TextKey StatusProcessing = new("portal.status.processing");
    public static readonly TextKey QuartersHeading = new("portal.quarters.heading");
    public static readonly TextKey QuartersText = new("portal.quarters.text");
    public static readonly TextKey QuartersNone = new("portal.quarters.none");

    public static readonly TextKey SubmissionHeading = new("portal.submission.heading");
    public static readonly TextKey SubmissionFile = new("portal.submission.file", "name");
    public static readonly TextKey SubmissionReceived = new("portal.submission.received", "at");
    public static readonly TextKey SubmissionReport = new("portal.submission.report", "kind", "month");
    public static readonly TextKey CheckHeading = new("portal.check.heading");
    public static readonly TextKey CheckValid = new("portal.check.valid");
    public static readonly TextKey CheckInvalid = new("portal.check.invalid", "errors");
    public static readonly TextKey CheckWarnings = new("portal.check.warnings", "warnings");
    public static readonly TextKey IssuesCaption = new("portal.issues.caption");
    public static readonly TextKey ColumnPlace = new("portal.column.place");
    public static readonly TextKey ColumnSeverity = new("portal.column.severity");
    public static readonly TextKey ColumnProblem = new("portal.column.problem");
    public static readonly TextKey ColumnValue = new("portal.column.value");
    public static readonly TextKey IssuesWholeFile = new("portal.issues.whole-file");
    public static readonly TextKey IssuesNotListed = new("portal.issues.not-listed", "count");
    public static readonly TextKey OutcomeHeading = new("portal.outcome.heading");
    public static readonly TextKey OutcomePending = new("portal.outcome.pending");
    public static readonly TextKey OutcomeReload = new("portal.outcome.reload");
    public static readonly TextKey OutcomeCurrent = new("portal.outcome.current", "month");
    public static readonly TextKey FeedbackDownload = new("portal.feedback.download");
    public static readonly TextKey BackToLicence = new("portal.back-to-licence", "licence");

    public static readonly TextKey AssessmentHeading = new("portal.assessment.heading", "quarter");
    public static readonly TextKey AssessmentNone = new("portal.assessment.none");
    public static readonly TextKey AssessmentAssessedAt = new("portal.assessment.assessed-at", "at", "rules");
    public static readonly TextKey AssessmentReports = new("portal.assessment.reports", "consumption", "sales");
    public static readonly TextKey AssessmentNoReport = new("portal.assessment.no-report");
    public static readonly TextKey KwhCaption = new("portal.kwh.caption");
    public static readonly TextKey ColumnSource = new("portal.column.source");
    public static readonly TextKey ColumnKwh = new("portal.column.kwh");
    public static readonly TextKey KwhTotal = new("portal.kwh.total");
    public static readonly TextKey FeeHeading = new("portal.fee.heading");
    public static readonly TextKey FeeAmount = new("portal.fee.amount", "amount");
    public static readonly TextKey FeeNotComputed = new("portal.fee.not-computed");
    public static readonly TextKey FeeBasis = new("portal.fee.basis", "basis");
    public static readonly TextKey FeeDeclarationDue = new("portal.fee.declaration-due", "date");
    public static readonly TextKey FeePaymentDue = new("portal.fee.payment-due", "date");
    public static readonly TextKey QuotaHeading = new("portal.quota.heading");
    public static readonly TextKey QuotaStatus = new("portal.quota.status", "status");
    public static readonly TextKey QuotaKwh = new("portal.quota.kwh", "kwh");
    public static readonly TextKey SaleHeading = new("portal.sale.heading");
    public static readonly TextKey SaleStatus = new("portal.sale.status", "status");
    public static readonly TextKey SaleRequired = new("portal.sale.required", "share");
    public static readonly TextKey SaleLowest = new("portal.sale.lowest", "share");
    public static readonly TextKey ViolationsHeading = new("portal.violations.heading");
    public static readonly TextKey ViolationsNone = new("portal.violations.none");
}
