using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Domain.Validation;

namespace Reporting.Domain.Consolidation;

/// <summary>
/// Builds the consolidated report of a quarter from the registry, the stored assessments and their
/// violations. Pure: the same inputs give the same report and the same fingerprint.
/// </summary>
public static class QuarterlyReportBuilder
{
    public static QuarterlyReport Build(
        Quarter quarter,
        IReadOnlyList<Licence> licences,
        string registryVersion,
        IEnumerable<AssessmentSummary> assessments,
        IEnumerable<Violation> violations,
        IEnumerable<Finding> findings,
        RuleSet rules,
        ReportDeadline deadline,
        DateTimeOffset generatedAt,
        QuarterComparison? comparison = null,
        ProcessingState? processing = null)
    {
        comparison ??= QuarterComparison.None;
        processing ??= ProcessingState.None;
        comparison.CheckFor(quarter);
        var byLicence = assessments.ToDictionary(a => a.Licence.ToUpperInvariant(), StringComparer.Ordinal);
        var registered = licences.ToDictionary(l => l.Number.ToUpperInvariant(), StringComparer.Ordinal);
        var violationList = violations.OrderBy(v => v.Licence, StringComparer.OrdinalIgnoreCase).ThenBy(v => v.Period, StringComparer.Ordinal)
            .ThenBy(v => v.Code, StringComparer.Ordinal).ThenBy(v => v.Subject, StringComparer.Ordinal).ToArray();
        var findingList = findings.OrderBy(f => f.Licence, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Month).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Kind).ThenBy(f => f.Subject, StringComparer.Ordinal).ToArray();
        var findingCounts = findingList.GroupBy(f => f.Licence.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var violationCounts = violationList.GroupBy(v => v.Licence.ToUpperInvariant())
            .ToDictionary(g => g.Key, g => (Errors: g.Count(v => v.Severity == Severity.Error), Warnings: g.Count(v => v.Severity == Severity.Warning)), StringComparer.Ordinal);

        // Every licence active in the quarter, and every licence that reported although not (unknown or inactive).
        var keys = licences.Where(l => l.IsActiveIn(quarter)).Select(l => l.Number.ToUpperInvariant())
            .Union(byLicence.Keys).Order(StringComparer.Ordinal).ToArray();

        var summary = new List<SummaryRow>();
        var missing = new List<MissingReport>();
        var late = new List<LateReport>();
        var inputs = new List<ReportInput>();
        foreach (var key in keys)
        {
            registered.TryGetValue(key, out var licence);
            byLicence.TryGetValue(key, out var assessment);
            var number = licence?.Number ?? assessment!.Licence;
            var activeMonths = licence is null ? [] : quarter.Months.Where(licence.IsActiveIn).ToArray();
            var received = assessment?.Inputs ?? [];
            // This licence's late and missing reports are the ones added from here on (counted without rescanning the lists).
            var lateBefore = late.Count;
            var missingBefore = missing.Count;
            foreach (var input in received.OrderBy(i => i.Period).ThenBy(i => i.Kind))
            {
                inputs.Add(new ReportInput(number, input.Period, input.Kind, input.UploadId, input.BlobName, input.Sha256, input.ReceivedAt));
                if (deadline.IsLate(input.Period, input.ReceivedAt))
                    late.Add(new LateReport(number, licence?.Company, input.Period, input.Kind, deadline.DueAt(input.Period), input.ReceivedAt, input.BlobName));
            }

            foreach (var month in activeMonths)
            {
                foreach (var kind in new[] { ReportKind.Consumption, ReportKind.Sales })
                {
                    if (!received.Any(i => i.Period == month && i.Kind == kind))
                        missing.Add(new MissingReport(number, licence?.Company, month, kind, deadline.DueAt(month)));
                }
            }

            var counts = violationCounts.GetValueOrDefault(key);
            var lateCount = late.Count - lateBefore;
            var missingCount = missing.Count - missingBefore;
            summary.Add(new SummaryRow(
                number,
                licence?.Bin,
                licence?.Company,
                licence?.Subtype,
                licence?.Zone,
                EnergySources.All.ToDictionary(s => s, s => assessment?.KwhBySource[s] ?? 0),
                assessment?.KwhTotal ?? 0,
                assessment?.QuotaKwh,
                assessment?.QuotaStatus,
                assessment?.FeeBasis ?? [],
                assessment?.FeeStatus,
                assessment is null ? 0 : assessment.FeeKzt,
                assessment?.RequiredSaleShare ?? rules.SaleShareMin.At(quarter.Start).Value,
                assessment?.LowestSaleShare,
                assessment?.SaleStatus,
                activeMonths.Length,
                received.Count(i => i.Kind == ReportKind.Consumption),
                received.Count(i => i.Kind == ReportKind.Sales),
                lateCount,
                counts.Errors,
                counts.Warnings,
                findingCounts.GetValueOrDefault(key),
                Status(licence, quarter, counts.Errors, counts.Warnings, missingCount, lateCount, assessment)));
        }

        var totals = new SummaryTotals(
            summary.Count,
            EnergySources.All.ToDictionary(s => s, s => summary.Sum(r => r.KwhBySource[s])),
            summary.Sum(r => r.KwhTotal),
            summary.Any(r => r.GridQuotaKwh is not null) ? summary.Sum(r => r.GridQuotaKwh ?? 0) : null,
            summary.Sum(r => r.FeeKzt ?? 0),
            summary.Count(r => r.FeeStatus == FeeStatus.RateUnverified),
            summary.Sum(r => r.ConsumptionReports),
            summary.Sum(r => r.SalesReports),
            summary.Sum(r => r.LateReports),
            summary.Sum(r => r.Violations),
            summary.Sum(r => r.Warnings),
            findingList.Length);

        var ruleVersions = byLicence.Values.Select(a => a.RuleVersion).Append(rules.Version).Distinct().Order(StringComparer.Ordinal).ToArray();
        var declaration = rules.FeeDeclarationDue.At(quarter.Start).Value?.For(quarter);
        var payment = rules.FeePaymentDue.At(quarter.Start).Value?.For(quarter);
        var fingerprint = Fingerprint(quarter, ruleVersions, registryVersion, declaration, payment, deadline, summary, violationList, findingList, missing, late, inputs, comparison, processing);
        return new QuarterlyReport(quarter, generatedAt, ruleVersions, registryVersion, declaration, payment, deadline,
            summary, totals, violationList, findingList, missing, late, inputs, fingerprint)
        {
            NotConfirmedRules = rules.NotConfirmedIn(quarter),
            Comparison = comparison,
            Processing = processing,
        };
    }

    /// <summary>Most serious first: a breach, then missing reports, late ones, an unknown rate, warnings.</summary>
    private static LicenceQuarterStatus Status(Licence? licence, Quarter quarter, int errors, int warnings, int missing, int late, AssessmentSummary? assessment)
    {
        if (licence is null) return LicenceQuarterStatus.UnknownLicence;
        if (!licence.IsActiveIn(quarter)) return LicenceQuarterStatus.InactiveLicence;
        if (errors > 0) return LicenceQuarterStatus.Violations;
        if (missing > 0) return LicenceQuarterStatus.MissingReports;
        if (late > 0) return LicenceQuarterStatus.LateReports;
        if (assessment?.FeeStatus == FeeStatus.RateUnverified) return LicenceQuarterStatus.RateUnverified;
        if (warnings > 0) return LicenceQuarterStatus.Warnings;
        return LicenceQuarterStatus.Compliant;
    }

    private static string Fingerprint(Quarter quarter, IReadOnlyList<string> ruleVersions, string registryVersion, DateOnly? declaration, DateOnly? payment,
        ReportDeadline deadline, List<SummaryRow> summary, IReadOnlyList<Violation> violations, IReadOnlyList<Finding> findings, List<MissingReport> missing, List<LateReport> late, List<ReportInput> inputs,
        QuarterComparison comparison, ProcessingState processing)
    {
        var c = CultureInfo.InvariantCulture;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var text = new StringBuilder();
        // Lines are hashed in chunks as they are written: no one string of the whole quarter.
        void Flush(int atLeast = 0)
        {
            if (text.Length < atLeast) return;
            hash.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
            text.Clear();
        }

        text.Append(c, $"Q|{quarter}|{string.Join(",", ruleVersions)}|{registryVersion}|{declaration:yyyy-MM-dd}|{payment:yyyy-MM-dd}|{deadline.DayOfFollowingMonth}|{deadline.TimeOfDay:HH:mm:ss}\n");
        Flush(32 * 1024);
        foreach (var r in summary)
        {
            text.Append(c, $"S|{r.Licence}|{r.Bin}|{r.Company}|{r.Subtype?.Code()}|{r.Zone?.Code()}|{string.Join(",", EnergySources.All.Select(s => r.KwhBySource[s].ToString(c)))}|{r.GridQuotaKwh}|{r.QuotaStatus?.Code()}|{string.Join(";", r.FeeBasis.Select(Text.MessageJson.Serialize))}|{r.FeeStatus?.Code()}|{r.FeeKzt}|{r.RequiredSaleShare}|{r.SaleShare}|{r.SaleStatus?.Code()}|{r.MonthsActive}|{r.ConsumptionReports}|{r.SalesReports}|{r.LateReports}|{r.Violations}|{r.Warnings}|{r.Findings}|{r.Status.Code()}\n");
            Flush(32 * 1024);
        }

        foreach (var v in violations)
        {
            text.Append(c, $"V|{v.Licence}|{v.Period}|{v.Code}|{v.Severity}|{v.Subject}|{string.Join(",", v.Figures.Select(f => f.Name + "=" + f.Value.ToString(c)))}|{v.RuleReference}|{v.Source}|{Text.MessageJson.Serialize(v.Message)}\n");
            Flush(32 * 1024);
        }

        foreach (var f in findings)
        {
            text.Append(c, $"F|{f.Licence}|{f.Month}|{f.Code}|{f.Kind}|{f.Subject}|{string.Join(",", f.Figures.Select(x => x.Name + "=" + x.Value.ToString(c)))}|{f.Source}|{Text.MessageJson.Serialize(f.Message)}\n");
            Flush(32 * 1024);
        }

        foreach (var m in missing)
        {
            text.Append(c, $"M|{m.Licence}|{m.Month}|{m.Kind}\n");
            Flush(32 * 1024);
        }

        foreach (var l in late)
        {
            text.Append(c, $"L|{l.Licence}|{l.Month}|{l.Kind}|{l.ReceivedAt.UtcTicks}\n");
            Flush(32 * 1024);
        }

        foreach (var i in inputs)
        {
            text.Append(c, $"I|{i.Licence}|{i.Month}|{i.Kind}|{i.UploadId}|{i.Sha256}\n");
            Flush(32 * 1024);
        }

        // The compared quarters' figures are shown in the workbook, so they are content; a report without any keeps
        // the fingerprint it had before comparisons existed (no new version for an unchanged quarter).
        if (!comparison.IsEmpty)
        {
            foreach (var totals in new[] { comparison.PreviousQuarter, comparison.SameQuarterLastYear })
                text.Append(c, $"C|{totals?.Quarter}|{totals?.FeeKzt}|{totals?.KwhTotal}|{totals?.FeeRateUnverified}\n");
        }

        // The states are content, their wording (an error's text, which varies from run to run) is not: a source down for a
        // week makes one new version when it goes down and one when it is back, not one a day.
        foreach (var coverage in processing.Coverage) text.Append(c, $"R|{coverage.Month}|{coverage.Source.Code()}|{coverage.State.Code()}\n");
        foreach (var failed in processing.Failed) text.Append(c, $"W|{Text.MessageJson.Serialize(failed.Unit)}\n");
        Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
