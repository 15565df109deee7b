using Reporting.Domain.Periods;
using Reporting.Storage.Assessments;
using Reporting.Web.Rendering;

namespace Reporting.Web.Handlers;

/// <summary>A licence's stored quarterly assessment and the violations of that very assessment (rows of its token).</summary>
public sealed class AssessmentQueries(AssessmentStore assessments)
{
    public async Task<AssessmentModel> GetAsync(string licence, Quarter quarter, CancellationToken cancellationToken)
    {
        var reading = assessments.GetAsync(quarter, licence, cancellationToken);
        var rows = assessments.ListViolationRowsAsync(quarter, cancellationToken);
        await Task.WhenAll(reading, rows).ConfigureAwait(false);
        var summary = await reading.ConfigureAwait(false);
        var violations = summary is null
            ? []
            : AssessmentStore.Current((await rows.ConfigureAwait(false)).Where(r => string.Equals(r.Licence, licence, StringComparison.OrdinalIgnoreCase)),
                new Dictionary<string, string> { [licence.ToUpperInvariant()] = summary.Token }).ToArray();
        return new AssessmentModel(licence, quarter, summary, violations);
    }
}
