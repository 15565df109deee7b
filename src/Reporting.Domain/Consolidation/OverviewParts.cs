using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Consolidation;

/// <summary>
/// The quarter at a glance. <c>FeeDueKzt</c> is the fee assessed (payments are not in our data: nothing here says
/// what was collected); it leaves out the <c>FeeRateUnverified</c> licences, whose rate the rules do not confirm.
/// Active licences are those the registry lists as active in at least one month of the quarter; of them,
/// <c>LicencesReported</c> filed at least one report (consumption or sales) for it.
/// </summary>
public sealed record OverviewHeadline(
    decimal FeeDueKzt,
    int FeeRateUnverified,
    decimal KwhTotal,
    int LicencesActive,
    int LicencesReported,
    int Violations,
    int Warnings,
    int MissingReports,
    int LateReports,
    int Findings);

/// <summary>A figure of this quarter against the same figure of another.</summary>
public sealed record FigureChange(decimal Current, decimal Compared)
{
    public decimal Absolute => Current - Compared;

    /// <summary>The change as a share of the compared figure; null when that was zero (no share of nothing).</summary>
    public decimal? Relative => Compared == 0 ? null : (Current - Compared) / Compared;
}

/// <summary>
/// This quarter against another: fee and kWh. <c>FeeIncomplete</c> when either quarter's fee total leaves out licences
/// whose rate is unverified (the change then compares lower bounds).
/// </summary>
public sealed record PeriodComparison(Quarter Quarter, FigureChange Fee, FigureChange Kwh, bool FeeIncomplete);

/// <summary>Licences, kWh and fee of one zone or subtype; a null key groups licences the registry does not know.</summary>
public sealed record GroupTotals<TKey>(TKey? Key, int Licences, decimal KwhTotal, decimal FeeKzt)
    where TKey : struct, Enum;

/// <summary>kWh from one energy source and its share of all kWh (null when nothing was consumed).</summary>
public sealed record SourceKwh(EnergySource Source, decimal Kwh, decimal? Share);

/// <summary>
/// The reports of one month of the quarter: filed on time, filed late (they count, after the due date), missing
/// (not filed by a licence active that month), and the reconciliation findings for the month.
/// </summary>
public sealed record MonthActivity(Month Month, int OnTime, int Late, int Missing, int Findings);

/// <summary>How many of the licences a rule applies to met it; the rate is null when it applied to none.</summary>
public sealed record ComplianceRate(int Met, int Applicable)
{
    public decimal? Rate => Applicable == 0 ? null : (decimal)Met / Applicable;
}

/// <summary>
/// Rates defined on the Summary's statuses. Mandatory sale: of the licences whose sale status is compliant or below
/// minimum (the sale rule in force and something mined), those compliant; not applicable and nothing mined count in
/// neither part. Grid quota: of the licences whose quota status is compliant or violated (the quota regime in force),
/// those compliant, which includes a licence that reported no grid kWh; violated includes grid kWh in a month without
/// any quota. A licence that filed no report has no status and counts in neither rate (it shows as missing reports).
/// </summary>
public sealed record ComplianceRates(ComplianceRate MandatorySale, ComplianceRate GridQuota);

/// <summary>One of the miners that owe the most, with its share of the quarter's fee (null when the fee is zero).</summary>
public sealed record MinerFee(string Licence, string? Company, Zone? Zone, LicenceSubtype? Subtype, decimal KwhTotal, decimal FeeKzt, decimal? ShareOfFee);

/// <summary>A licence with violations (errors): how many, its warnings, its status, and the violation codes.</summary>
public sealed record LicenceViolations(string Licence, string? Company, LicenceQuarterStatus Status, int Violations, int Warnings, IReadOnlyList<string> Codes);
