using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Consolidation;

/// <summary>A licence's standing in a quarter, most serious first (the summary's status column).</summary>
public enum LicenceQuarterStatus
{
    UnknownLicence,
    InactiveLicence,
    Violations,
    MissingReports,
    LateReports,
    RateUnverified,
    Warnings,
    Compliant,
}

/// <summary>
/// One licence's line of the consolidated report. Statuses are null when the licence filed no reports in the
/// quarter; <c>FeeBasis</c> is empty without a consumption report.
/// </summary>
public sealed record SummaryRow(
    string Licence,
    string? Bin,
    string? Company,
    Registry.LicenceSubtype? Subtype,
    Registry.Zone? Zone,
    IReadOnlyDictionary<EnergySource, decimal> KwhBySource,
    decimal KwhTotal,
    decimal? GridQuotaKwh,
    QuotaStatus? QuotaStatus,
    IReadOnlyList<Text.Message> FeeBasis,
    FeeStatus? FeeStatus,
    decimal? FeeKzt,
    decimal? RequiredSaleShare,
    decimal? SaleShare,
    SaleStatus? SaleStatus,
    int MonthsActive,
    int ConsumptionReports,
    int SalesReports,
    int LateReports,
    int Violations,
    int Warnings,
    int Findings,
    LicenceQuarterStatus Status);

public sealed record SummaryTotals(
    int Licences,
    IReadOnlyDictionary<EnergySource, decimal> KwhBySource,
    decimal KwhTotal,
    decimal? GridQuotaKwh,
    decimal FeeKzt,
    int RateUnverified,
    int ConsumptionReports,
    int SalesReports,
    int LateReports,
    int Violations,
    int Warnings,
    int Findings);

/// <summary>A report a licence active in the month has not filed (no accepted upload).</summary>
public sealed record MissingReport(string Licence, string? Company, Month Month, ReportKind Kind, DateTimeOffset DueAt);

/// <summary>A report that counts but arrived after its due date.</summary>
public sealed record LateReport(string Licence, string? Company, Month Month, ReportKind Kind, DateTimeOffset DueAt, DateTimeOffset ReceivedAt, string Blob)
{
    public double DaysLate => Math.Round((ReceivedAt - DueAt).TotalDays, 1);
}

/// <summary>An upload the report's figures come from, with its SHA-256 (the audit trail).</summary>
public sealed record ReportInput(string Licence, Month Month, ReportKind Kind, string UploadId, string Blob, string Sha256, DateTimeOffset ReceivedAt);

/// <summary>
/// The State Revenue Committee's consolidated report of one quarter: every licence active in it (and any
/// that reported without being so), what it consumed and owes, its compliance, what is missing or late,
/// what reconciliation against external data found, and the audit trail. <see cref="Fingerprint"/> identifies the content (everything but the time it was
/// generated), so an unchanged quarter is recognised without comparing files.
/// </summary>
public sealed record QuarterlyReport(
    Quarter Quarter,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> RuleVersions,
    string RegistryVersion,
    DateOnly? DeclarationDue,
    DateOnly? PaymentDue,
    ReportDeadline Deadline,
    IReadOnlyList<SummaryRow> Summary,
    SummaryTotals Totals,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<Reconciliation.Finding> Findings,
    IReadOnlyList<MissingReport> Missing,
    IReadOnlyList<LateReport> Late,
    IReadOnlyList<ReportInput> Inputs,
    string Fingerprint)
{
    /// <summary>The rules in force for the quarter that are not confirmed: the figures resting on them are flagged.</summary>
    public IReadOnlyList<Rules.RuleNote> NotConfirmedRules { get; init; } = [];

    /// <summary>The earlier quarters' figures the report shows beside its own (none when there are none).</summary>
    public QuarterComparison Comparison { get; init; } = QuarterComparison.None;

    /// <summary>The reconciliation coverage of its months and the units of work that failed for good.</summary>
    public ProcessingState Processing { get; init; } = ProcessingState.None;
}
