using Reporting.Domain.Text;
using Azure.Data.Tables;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class AssessmentStoreTests(AzuriteFixture azurite)
{
    private static readonly Quarter Q = new(2025, 1);

    [Fact]
    public async Task A_newer_revision_replaces_the_violations_and_an_older_one_is_refused()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var store = pipeline.Get<AssessmentStore>();
        var three = Assessment(3);
        var one = Assessment(1);

        Assert.Equal(SaveOutcome.Written, await store.SaveAsync(three, 1, "registry-a", [], CancellationToken.None));
        Assert.Equal(SaveOutcome.Unchanged, await store.SaveAsync(three, 1, "registry-a", [], CancellationToken.None));
        Assert.Equal(SaveOutcome.Written, await store.SaveAsync(one, 2, "registry-a", [], CancellationToken.None));
        Assert.Equal(SaveOutcome.Stale, await store.SaveAsync(three, 1, "registry-a", [], CancellationToken.None));

        var stored = (await store.GetAsync(Q, "KZ-DM-0001", CancellationToken.None))!;
        Assert.Equal(2, stored.InputRevision);
        var listed = AssessmentStore.Current(await store.ListViolationRowsAsync(Q, CancellationToken.None), new Dictionary<string, string> { ["KZ-DM-0001"] = stored.Token });
        Assert.Single(listed);
        var rows = 0;
        await foreach (var _ in pipeline.Clients.Table(TableName.Violations).QueryAsync<TableEntity>()) rows++;
        Assert.Equal(1, rows); // the three rows of revision 1 were deleted
    }

    private static QuarterAssessment Assessment(int violations) => new(
        "KZ-DM-0001", Q, RuleSet.Default.Version,
        EnergySources.All.ToDictionary(s => s, _ => 0m),
        new FeeAssessment(FeeStatus.Assessed, 0m, null, [], null, null, []),
        new QuotaAssessment(QuotaStatus.NotApplicable, []),
        new SaleAssessment(SaleStatus.NotApplicable, null, []),
        [], [],
        Enumerable.Range(1, violations).Select(i => new Violation(ViolationCodes.NoQuota.With(("month", MessageValue.Month(new Month(2025, i))), ("grid_kwh", MessageValue.Kwh(10))), Domain.Validation.Severity.Error, "KZ-DM-0001", $"2025-0{i}", null, [], "quota.applies@2023-07-01", null)).ToArray());
}
