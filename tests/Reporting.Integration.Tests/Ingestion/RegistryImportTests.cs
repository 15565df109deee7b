using ClosedXML.Excel;
using Reporting.Application.Registry;
using Reporting.Excel.Registry;
using Reporting.Samples;
using Reporting.Storage.Registry;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

[Collection(AzuriteCollection.Name)]
public sealed class RegistryImportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Importing_the_same_registry_twice_changes_nothing_the_second_time()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var registry = SampleFiles.SampleRegistry();
        var service = pipeline.Get<RegistryImportService>();

        var first = await service.ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)), CancellationToken.None);
        var before = await UploadProcessingTests.Snapshot(pipeline);
        var second = await service.ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)), CancellationToken.None);

        Assert.True(first.Result!.Changed);
        Assert.Equal(registry.Licences.Count, first.Result.Tables.Single(t => t.Table == "Licences").Added);
        Assert.Equal(registry.Quotas.Count, first.Result.Tables.Single(t => t.Table == "Quotas").Added);
        Assert.False(second.Result!.Changed);
        Assert.Equal(first.Result.Version, second.Result.Version);
        Assert.Equal(before, await UploadProcessingTests.Snapshot(pipeline));

        var (version, licences, exchanges) = await pipeline.Get<RegistryStore>().GetLicencesAsync(CancellationToken.None);
        Assert.Equal(Domain.Registry.RegistryFingerprint.Of(registry), version);
        Assert.Equal(registry.Licences.OrderBy(l => l.Number), licences.OrderBy(l => l.Number));
        Assert.Equal(registry.Exchanges.OrderBy(e => e.Code), exchanges.OrderBy(e => e.Code));
    }

    [Fact]
    public async Task A_changed_registry_writes_only_the_differences_and_removes_what_is_gone()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var registry = SampleFiles.SampleRegistry();
        await pipeline.ImportRegistryAsync(registry);
        var changed = registry with
        {
            Quotas = [.. registry.Quotas.Skip(1).Select((q, i) => i == 0 ? q with { Kwh = q.Kwh + 1 } : q)],
        };

        var result = await pipeline.Get<RegistryImportService>().ImportAsync(new MemoryStream(RegistryWorkbookWriter.ToBytes(changed)), CancellationToken.None);

        var quotas = result.Result!.Tables.Single(t => t.Table == "Quotas");
        Assert.Equal((0, 1, 1), (quotas.Added, quotas.Updated, quotas.Removed));
        Assert.Equal(registry.Quotas.Count - 2, quotas.Unchanged);
    }

    [Fact]
    public async Task An_invalid_registry_changes_nothing_and_reports_its_problems()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
        var before = await UploadProcessingTests.Snapshot(pipeline);
        using var workbook = new XLWorkbook(new MemoryStream(RegistryWorkbookWriter.ToBytes(SampleFiles.SampleRegistry())));
        workbook.Worksheet("Licences").Cell(2, 2).SetValue("123");
        using var broken = new MemoryStream();
        workbook.SaveAs(broken);
        broken.Position = 0;

        var result = await pipeline.Get<RegistryImportService>().ImportAsync(broken, CancellationToken.None);

        Assert.False(result.Valid);
        Assert.Contains(result.Validation.Issues, i => i.Code == "invalid-bin" && i.Sheet == "Licences" && i.Cell == "B2");
        Assert.Equal(before, await UploadProcessingTests.Snapshot(pipeline));
    }
}
