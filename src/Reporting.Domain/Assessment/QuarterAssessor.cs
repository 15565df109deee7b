using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Assessment;

/// <summary>
/// Assesses one licence's quarter: fee, quota, mandatory sale, licence and plausibility. A pure
/// function of its input and the rules; every result carries the rules version that produced it.
/// </summary>
public static class QuarterAssessor
{
    public static QuarterAssessment Assess(AssessmentInput input, RuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        var foreign = input.Consumption.Cast<MonthReport>().Concat(input.Sales)
            .FirstOrDefault(r => !string.Equals(r.Licence, input.Licence, StringComparison.OrdinalIgnoreCase) || r.Period.Quarter != input.Quarter);
        if (foreign is not null)
            throw new ArgumentException($"The {foreign.Kind.Code()} report for {foreign.Licence} {foreign.Period} does not belong to {input.Licence} {input.Quarter}.", nameof(input));

        var rows = input.Consumption.SelectMany(r => r.Rows).ToArray();
        var kwh = EnergySources.All.ToDictionary(s => s, s => rows.Where(r => r.Source == s).Sum(r => r.Kwh));
        var violations = new List<Violation>();

        ComplianceChecks.Licence(input, violations);
        var fee = FeeCalculator.Calculate(input.Quarter, rows, rules);
        var quota = ComplianceChecks.Quota(input, rules, violations);
        var sale = ComplianceChecks.Sale(input, rules, violations);
        ComplianceChecks.Plausibility(input, rules, violations);

        return new QuarterAssessment(
            input.Licence,
            input.Quarter,
            rules.Version,
            kwh,
            fee,
            quota,
            sale,
            input.Consumption.Select(r => r.Period).Distinct().Order().ToArray(),
            input.Sales.Select(r => r.Period).Distinct().Order().ToArray(),
            violations);
    }
}
