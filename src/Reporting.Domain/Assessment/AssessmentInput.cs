using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Assessment;

/// <summary>
/// Everything one licence's quarter is assessed from: its accepted month reports (several for one month
/// add up), and the registry (licences, quotas, equipment, AIFC exchanges).
/// </summary>
public sealed record AssessmentInput(
    string Licence,
    Quarter Quarter,
    IReadOnlyList<ConsumptionReport> Consumption,
    IReadOnlyList<SalesReport> Sales,
    Registry.Registry Registry)
{
    /// <summary>Groups month reports by licence and quarter into inputs, one per licence-quarter.</summary>
    public static IReadOnlyList<AssessmentInput> From(IEnumerable<MonthReport> reports, Registry.Registry registry) =>
        reports
            .GroupBy(r => (Licence: r.Licence.ToUpperInvariant(), r.Period.Quarter))
            .OrderBy(g => g.Key.Licence, StringComparer.Ordinal).ThenBy(g => g.Key.Quarter)
            .Select(g => new AssessmentInput(
                g.First().Licence,
                g.Key.Quarter,
                g.OfType<ConsumptionReport>().ToArray(),
                g.OfType<SalesReport>().ToArray(),
                registry))
            .ToArray();
}
