using Reporting.Application.Rules;
using Reporting.Application.Validation;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Registry;

namespace Reporting.Application.Assessment;

/// <summary>The outcome of assessing files offline: the assessments, or the files that could not be read.</summary>
public sealed record OfflineAssessment(IReadOnlyList<AssessmentView> Assessments, IReadOnlyList<FileValidation> InvalidFiles, string RuleVersion);

/// <summary>
/// Assesses month reports from files against a registry file, without storage (`reporting assess`):
/// the same parser and engine ingestion uses.
/// </summary>
public sealed class OfflineAssessmentService(ReportValidator validator, RegistryWorkbookParser registryParser, RuleSetProvider rules)
{
    public OfflineAssessment Assess(IReadOnlyList<string> reportFiles, string registryFile, Language language)
    {
        var words = MessageCatalog.Default.In(language);
        Domain.Registry.Registry registry;
        using (var stream = File.OpenRead(registryFile))
        {
            var parsed = registryParser.Parse(stream);
            if (!parsed.IsValid)
            {
                var view = new FileValidation(registryFile, "registry", null, null, false, IssueView.From(parsed.Validation, words));
                return new OfflineAssessment([], [view], rules.Rules.Version);
            }

            registry = parsed.Registry!;
        }

        var reports = new List<MonthReport>();
        var invalid = new List<FileValidation>();
        foreach (var file in reportFiles)
        {
            using var stream = File.OpenRead(file);
            var result = validator.Parse(stream);
            if (result.IsValid) reports.Add(result.Report! with { Source = file });
            else invalid.Add(FileValidation.From(file, result, words));
        }

        if (invalid.Count > 0) return new OfflineAssessment([], invalid, rules.Rules.Version);
        var assessments = AssessmentInput.From(reports, registry)
            .Select(input => AssessmentView.From(QuarterAssessor.Assess(input, rules.Rules), rules.Rules, words))
            .ToArray();
        return new OfflineAssessment(assessments, [], rules.Rules.Version);
    }
}
