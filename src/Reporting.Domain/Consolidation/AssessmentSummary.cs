using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Consolidation;

/// <summary>A current report that went into an assessment: the audit trail of the quarter.</summary>
public sealed record AssessmentInputRef(Month Period, ReportKind Kind, string UploadId, string BlobName, string Sha256, DateTimeOffset ReceivedAt);

/// <summary>
/// A licence-quarter's assessment as kept for the quarterly consolidation: the figures of every column
/// of the report, the inputs (the audit trail), and the versions that produced it.
/// </summary>
public sealed record AssessmentSummary(
    string Licence,
    Quarter Quarter,
    string RuleVersion,
    string RegistryVersion,
    long InputRevision,
    string Token,
    DateTimeOffset AssessedAt,
    IReadOnlyDictionary<EnergySource, decimal> KwhBySource,
    decimal? AveragePriceKzt,
    FeeStatus FeeStatus,
    decimal? FeeKzt,
    IReadOnlyList<FeeLine> FeeLines,
    DateOnly? DeclarationDue,
    DateOnly? PaymentDue,
    QuotaStatus QuotaStatus,
    decimal? QuotaKwh,
    decimal? RequiredSaleShare,
    SaleStatus SaleStatus,
    decimal? LowestSaleShare,
    IReadOnlyList<Month> ConsumptionMonths,
    IReadOnlyList<Month> SalesMonths,
    int ErrorCount,
    int WarningCount,
    IReadOnlyList<AssessmentInputRef> Inputs)
{
    public decimal KwhTotal => KwhBySource.Values.Sum();

    public IReadOnlyList<Text.Message> FeeBasis => FeeTexts.Basis(FeeLines, AveragePriceKzt, FeeStatus);
}
