using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Cli;

public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingest_prints_a_line_per_upload_and_a_summary_and_a_second_run_processes_nothing()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var storage = azurite.ConnectionString;
        var registry = Path.Combine(RepositoryPaths.Samples, "registry.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync("registry", "import", registry, "--storage", storage)).ExitCode);
        await using (var pipeline = await TestPipeline.CreateAsync(storage))
        {
            // Write through the plain client to the unprefixed container the command line uses.
            var uploads = pipeline.Clients.Blobs.GetBlobContainerClient("uploads");
            await uploads.CreateIfNotExistsAsync();
            await uploads.GetBlobClient("KZ-DM-0016/2025-03-consumption.xlsx").UploadAsync(new BinaryData(MonthReportWriter.ToBytes(SampleFiles.SampleConsumption())));
            await uploads.GetBlobClient("KZ-DM-0016/broken.xlsx").UploadAsync(new BinaryData(File.ReadAllBytes(Path.Combine(RepositoryPaths.BrokenSamples, "unknown-source.xlsx"))));
        }

        var (exit, output, error) = await CliRunner.RunAsync("ingest", "--storage", storage);
        var (againExit, again, _) = await CliRunner.RunAsync("ingest", "--storage", storage);

        Assert.True(exit == 0, output + error);
        Assert.Contains("KZ-DM-0016/2025-03-consumption.xlsx: accepted KZ-DM-0016 2025-03 consumption", output);
        Assert.Contains("KZ-DM-0016/broken.xlsx: rejected KZ-DM-0016 2025-03 consumption (1 error, 0 warnings): unknown-source: Source ", output);
        Assert.Contains("2 uploads processed of 2 in the container: 1 accepted, 1 rejected", output);
        Assert.Contains("1 licence-quarters re-assessed", output);
        Assert.Equal(0, againExit);
        Assert.Contains("0 uploads processed of 2 in the container", again);
    }

    [Fact]
    public async Task Ingest_without_storage_is_a_usage_error()
    {
        var previous = Environment.GetEnvironmentVariable("REPORTING_STORAGE");
        Environment.SetEnvironmentVariable("REPORTING_STORAGE", null);
        try
        {
            var (exit, _, error) = await CliRunner.RunAsync("ingest");
            Assert.Equal(2, exit);
            Assert.Contains("--storage", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("REPORTING_STORAGE", previous);
        }
    }
}
