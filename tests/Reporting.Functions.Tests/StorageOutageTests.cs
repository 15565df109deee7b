using Reporting.Domain.Periods;
using Reporting.Domain.Submissions;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;
using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>Storage going away during an invocation, and coming back on the same endpoints with its data.</summary>
public sealed class StorageOutageTests
{
    private const string Licence = "KZ-DM-0016";
    private const string BlobName = Licence + "/march.xlsx";

    [Fact]
    public async Task With_storage_down_the_invocation_fails_and_after_it_returns_a_retry_records_the_upload_once()
    {
        using var folder = new TempDirectory();
        var options = new AzuriteServerOptions { Location = folder.Path, BlobPort = FreePort(), QueuePort = FreePort(), TablePort = FreePort() };
        var azurite = await AzuriteServer.StartAsync(options);
        try
        {
            await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:NamePrefix"] = "" });
            await pipeline.ImportRegistryAsync(SampleFiles.SampleRegistry());
            await pipeline.UploadAsync(BlobName, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
            // Few, short storage retries, so the failing invocation does not wait out the production back-off.
            var settings = FunctionsApp.SampleSettings(azurite.ConnectionString, new Dictionary<string, string?>
            {
                ["Storage__MaxRetries"] = "1",
                ["Storage__RetryDelay"] = "00:00:00.1",
                ["Storage__NetworkTimeout"] = "00:00:05",
            });
            await using var worker = await FunctionsWorker.StartAsync(FunctionsApp.Directory, settings);
            await worker.LoadAllAsync();

            // Stopped as an operator would, so the data written so far is on disk for the restart.
            await azurite.StopGracefullyAsync();
            var failed = await worker.InvokeBlobAsync("ProcessUpload", BlobName);

            // A failed invocation is what makes Azure's host retry the event (and park it after the poison threshold).
            Assert.Equal("Failure", failed.Status);
            Assert.False(string.IsNullOrWhiteSpace(failed.ExceptionMessage));

            await azurite.DisposeAsync();
            azurite = await AzuriteServer.StartAsync(options);
            var retried = await worker.InvokeBlobAsync("ProcessUpload", BlobName);
            var again = await worker.InvokeBlobAsync("ProcessUpload", BlobName);

            Assert.True(retried.Succeeded, retried.ToString());
            Assert.True(again.Succeeded, again.ToString());
            var ledger = pipeline.Get<SubmissionLedger>();
            var submission = Assert.Single(await ledger.ListSubmissionsAsync(Licence, CancellationToken.None));
            Assert.Equal(SubmissionStatus.Accepted, submission.Status);
            Assert.Equal(BlobName, submission.BlobName);
            var quarter = await ledger.LoadQuarterAsync(Licence, new Quarter(2025, 1), CancellationToken.None);
            Assert.Single(quarter.Consumption);
            Assert.Single(quarter.Pointers);
            Assert.Equal(0, await worker.StopAsync());
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
