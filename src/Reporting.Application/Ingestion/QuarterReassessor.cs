using Microsoft.Extensions.Logging;
using Reporting.Application.Rules;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Storage.Assessments;
using Reporting.Storage.Ledger;
using Reporting.Storage.Registry;

namespace Reporting.Application.Ingestion;

/// <summary>
/// Re-assesses one licence's quarter from its current reports and stores the result, unless an
/// assessment of the same inputs, rules and registry (or of newer inputs) is already stored.
/// </summary>
public sealed partial class QuarterReassessor(
    SubmissionLedger ledger,
    RegistryStore registry,
    AssessmentStore assessments,
    RuleSetProvider rules,
    ILogger<QuarterReassessor> logger)
{
    /// <summary>
    /// Re-assesses the licence-quarter; <paramref name="repairViolations"/> writes the violation rows again even when the
    /// same assessment is stored (see <see cref="AssessmentStore.WithIncompleteViolations"/>).
    /// </summary>
    public async Task<SaveOutcome> ReassessAsync(string partitionKey, Quarter quarter, CancellationToken cancellationToken, bool repairViolations = false)
    {
        var inputs = await ledger.LoadQuarterAsync(partitionKey, quarter, cancellationToken).ConfigureAwait(false);
        if (inputs.Incomplete.Count > 0)
        {
            LogIncomplete(logger, partitionKey, quarter.ToString(), inputs.Incomplete.Count);
            return SaveOutcome.Incomplete;
        }

        var first = inputs.Consumption.Cast<Domain.Reports.MonthReport>().Concat(inputs.Sales).FirstOrDefault();
        if (first is null) return SaveOutcome.Unchanged;

        var (registryVersion, reg) = await registry.ForLicenceAsync(first.Licence, cancellationToken).ConfigureAwait(false);
        var licence = reg.FindLicence(first.Licence)?.Number ?? first.Licence;
        var assessment = QuarterAssessor.Assess(new AssessmentInput(licence, quarter, inputs.Consumption, inputs.Sales, reg), rules.Rules);
        var references = inputs.Pointers
            .OrderBy(p => p.Period).ThenBy(p => p.Kind)
            .Select(p => new AssessmentInputRef(p.Period, p.Kind, p.UploadId, p.BlobName, p.Sha256, p.ReceivedAt))
            .ToArray();
        var outcome = await assessments.SaveAsync(assessment, inputs.Revision, registryVersion, references, cancellationToken, repairViolations).ConfigureAwait(false);
        LogAssessed(logger, licence, quarter.ToString(), inputs.Revision, outcome.ToString(), assessment.Fee.AmountKzt, assessment.Violations.Count);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Not assessing {Licence} {Quarter} yet: {Count} current report(s) still being recorded")]
    private static partial void LogIncomplete(ILogger logger, string licence, string quarter, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessed {Licence} {Quarter} at revision {Revision}: {Outcome} (fee {Fee} KZT, {Violations} violations)")]
    private static partial void LogAssessed(ILogger logger, string licence, string quarter, long revision, string outcome, decimal? fee, int violations);
}
