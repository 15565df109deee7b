using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Rules;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Excel.Consolidation;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Registry;
using Reporting.Storage.Reports;

namespace Reporting.Application.Reports;

/// <summary>The outcome of building a quarter's report.</summary>
public sealed record QuarterlyReportResult(QuarterlyReport Report, ReportVersion Version, bool Created, int Reassessed);

/// <summary>
/// Builds a quarter's consolidated report from the stored assessments (re-assessing those made under other
/// rules or another registry first), and publishes it as a new version only if its content changed.
/// Reads whole partitions page by page; memory grows with the number of licences, not of rows.
/// </summary>
public sealed partial class QuarterlyReportService(
    AssessmentStore assessments,
    RegistryStore registry,
    ReportStore reports,
    FindingStore findings,
    QuarterReassessor reassessor,
    ProcessingStateReader processing,
    RuleSetProvider rules,
    StorageInitializer storage,
    IOptions<DeadlineOptions> deadlines,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<QuarterlyReportService> logger)
{
    public async Task<QuarterlyReportResult> BuildAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var ruleSet = rules.Rules;

        // The partitions are independent: read them at once (storage round trips overlap with parsing).
        var registryRead = registry.GetLicencesAsync(cancellationToken);
        var storedRead = LoadAsync(quarter, cancellationToken);
        var violationsRead = assessments.ListViolationRowsAsync(quarter, cancellationToken);
        var findingsRead = findings.ListAsync(quarter, cancellationToken);
        var currentRead = reports.GetCurrentAsync(quarter, cancellationToken);
        // The quarters the Overview compares with, as their own reports total them (the timer builds older quarters first).
        var previousRead = LoadAsync(quarter.Previous, cancellationToken);
        var yearBeforeRead = LoadAsync(QuarterComparison.YearBefore(quarter), cancellationToken);
        var processingRead = processing.ReadAsync(quarter, cancellationToken);
        await Task.WhenAll(registryRead, storedRead, violationsRead, findingsRead, currentRead, previousRead, yearBeforeRead, processingRead).ConfigureAwait(false);
        var (registryVersion, licences, _) = await registryRead.ConfigureAwait(false);
        var stored = await storedRead.ConfigureAwait(false);
        var violationRows = await violationsRead.ConfigureAwait(false);
        var found = await findingsRead.ConfigureAwait(false);

        var stale = stored.Where(a => a.RuleVersion != ruleSet.Version || a.RegistryVersion != registryVersion).ToArray();
        foreach (var assessment in stale)
            await reassessor.ReassessAsync(SubmissionLedger.PartitionFor(assessment.Licence), quarter, cancellationToken).ConfigureAwait(false);
        if (stale.Length > 0)
        {
            stored = await LoadAsync(quarter, cancellationToken).ConfigureAwait(false);
            violationRows = await assessments.ListViolationRowsAsync(quarter, cancellationToken).ConfigureAwait(false);
        }

        // The two partitions were read at once, and a writer stores violations before its assessment: an assessment
        // read without all its violation rows is read again, and re-assessed (rows rewritten) if they are still missing.
        if (AssessmentStore.WithIncompleteViolations(stored, violationRows).Count > 0)
        {
            violationRows = await assessments.ListViolationRowsAsync(quarter, cancellationToken).ConfigureAwait(false);
            var incomplete = AssessmentStore.WithIncompleteViolations(stored, violationRows);
            foreach (var assessment in incomplete)
            {
                LogRepairing(logger, quarter.ToString(), assessment.Licence);
                await reassessor.ReassessAsync(SubmissionLedger.PartitionFor(assessment.Licence), quarter, cancellationToken, repairViolations: true).ConfigureAwait(false);
            }

            if (incomplete.Count > 0)
            {
                stored = await LoadAsync(quarter, cancellationToken).ConfigureAwait(false);
                violationRows = await assessments.ListViolationRowsAsync(quarter, cancellationToken).ConfigureAwait(false);
            }
        }

        var tokens = stored.ToDictionary(a => a.Licence.ToUpperInvariant(), a => a.Token, StringComparer.Ordinal);
        var violations = AssessmentStore.Current(violationRows, tokens).ToList();
        var comparison = new QuarterComparison(
            QuarterTotals.Of(quarter.Previous, await previousRead.ConfigureAwait(false)),
            QuarterTotals.Of(QuarterComparison.YearBefore(quarter), await yearBeforeRead.ConfigureAwait(false)));
        var report = QuarterlyReportBuilder.Build(quarter, licences, registryVersion, stored, violations, found, ruleSet, deadlines.Value.ToDeadline(), time.GetUtcNow(), comparison,
            await processingRead.ConfigureAwait(false));
        var facts = new ReportFacts(report.Totals.Licences, report.Totals.FeeKzt, report.Totals.Violations, string.Join(",", report.RuleVersions), report.RegistryVersion);
        var (version, created) = await reports.PublishAsync(quarter, report.Fingerprint, facts,
            () =>
            {
                // Independent renderings of the same report: the CSV and the snapshot on another core while the workbook is written.
                var language = options.Value.Language;
                var csv = Task.Run(() => (QuarterlyReportWriter.ToCsv(report, language), ReportSnapshotJson.Serialize(report)), cancellationToken);
                var workbook = QuarterlyReportWriter.ToWorkbook(report, language);
                var (csvBytes, snapshot) = csv.GetAwaiter().GetResult();
                return (workbook, csvBytes, snapshot);
            }, cancellationToken, currentRead).ConfigureAwait(false);
        if (!created && version.SnapshotBlob.Length == 0)
        {
            // Published before snapshots were kept: same fingerprint, same content; dated as the version was published.
            version = await reports.AddSnapshotAsync(version, ReportSnapshotJson.Serialize(report with { GeneratedAt = version.CreatedAt }), cancellationToken).ConfigureAwait(false);
            LogSnapshotAdded(logger, quarter.ToString(), version.Number);
        }

        LogBuilt(logger, quarter.ToString(), version.Number, created, report.Totals.Licences, report.Totals.FeeKzt);
        return new QuarterlyReportResult(report, version, created, stale.Length);
    }

    private async Task<List<AssessmentSummary>> LoadAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var list = new List<AssessmentSummary>();
        await foreach (var assessment in assessments.ListAsync(quarter, cancellationToken).ConfigureAwait(false)) list.Add(assessment);
        return list;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Quarter}: the assessment of {Licence} lacked some of its violation rows; re-assessing it")]
    private static partial void LogRepairing(ILogger logger, string quarter, string licence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Quarter}: version {Version} had no snapshot for the portal; added it")]
    private static partial void LogSnapshotAdded(ILogger logger, string quarter, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Quarter}: version {Version} (new: {Created}), {Licences} licences, fee {Fee} KZT")]
    private static partial void LogBuilt(ILogger logger, string quarter, int version, bool created, int licences, decimal fee);
}
