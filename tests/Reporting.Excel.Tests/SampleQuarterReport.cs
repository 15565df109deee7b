using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Samples;

namespace Reporting.Excel.Tests;

/// <summary>
/// A realistic consolidated report without storage: the sample population (48 licences) assessed for a quarter by the
/// real assessor, with a few reports late or not filed, compared with the previous quarter and the same quarter last
/// year assessed the same way (as the report service compares them, from those quarters' assessments).
/// </summary>
internal static class SampleQuarterReport
{
    public static QuarterlyReport Build(Quarter quarter)
    {
        var dataset = new SampleDataset();
        var previous = Assess(dataset, quarter.Previous, out _);
        var yearBefore = QuarterComparison.YearBefore(quarter);
        var yearAgo = Assess(dataset, yearBefore, out _);
        var assessed = Assess(dataset, quarter, out var violations);
        var registry = dataset.Registry(quarter.Months);
        return QuarterlyReportBuilder.Build(quarter, registry.Licences, "registry-sample", assessed, violations, [], RuleSet.Default, ReportDeadline.Default,
            new DateTimeOffset(quarter.End.AddDays(20).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero),
            new QuarterComparison(QuarterTotals.Of(quarter.Previous, previous), QuarterTotals.Of(yearBefore, yearAgo)));
    }

    /// <summary>Every active licence's quarter; the 7th, 14th... file their middle month late, the 9th, 18th... never file their last sales report.</summary>
    private static IReadOnlyList<AssessmentSummary> Assess(SampleDataset dataset, Quarter quarter, out IReadOnlyList<Violation> violations)
    {
        var registry = dataset.Registry(quarter.Months);
        var deadline = ReportDeadline.Default;
        var summaries = new List<AssessmentSummary>();
        var found = new List<Violation>();
        for (var i = 0; i < dataset.Profiles.Count; i++)
        {
            var profile = dataset.Profiles[i];
            var months = quarter.Months.Where(profile.Licence.IsActiveIn).ToArray();
            if (months.Length == 0) continue;
            var consumption = months.Select(m => dataset.Consumption(profile, m)).ToArray();
            var sales = months.Where(m => !((i + 1) % 9 == 0 && m == quarter.LastMonth)).Select(m => dataset.Sales(profile, m)).ToArray();
            var assessment = QuarterAssessor.Assess(new AssessmentInput(profile.Licence.Number, quarter, consumption, sales, registry), RuleSet.Default);
            DateTimeOffset Received(Month m) => (i + 1) % 7 == 0 && m == quarter.FirstMonth.Next ? deadline.DueAt(m).AddDays(3) : deadline.DueAt(m).AddDays(-4);
            var inputs = consumption.Cast<MonthReport>().Concat(sales)
                .Select(r => new AssessmentInputRef(r.Period, r.Kind, $"{profile.Licence.Number}-{r.Period}-{r.Kind}", $"{profile.Licence.Number}/{r.Period}-{r.Kind}.xlsx",
                    new string('0', 64), Received(r.Period)))
                .ToArray();
            found.AddRange(assessment.Violations);
            summaries.Add(new AssessmentSummary(assessment.Licence, quarter, assessment.RuleVersion, "registry-sample", 1, "token", deadline.DueAt(quarter.LastMonth),
                assessment.KwhBySource, assessment.Fee.AveragePriceKzt, assessment.Fee.Status, assessment.Fee.AmountKzt, assessment.Fee.Lines, assessment.Fee.DeclarationDue,
                assessment.Fee.PaymentDue, assessment.Quota.Status, assessment.Quota.QuotaKwh, assessment.Sale.RequiredShare, assessment.Sale.Status, assessment.Sale.LowestShare,
                assessment.ConsumptionMonths, assessment.SalesMonths, assessment.ErrorCount, assessment.WarningCount, inputs));
        }

        violations = found;
        return summaries;
    }
}
