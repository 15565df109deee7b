using Reporting.Application.Ingestion;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Samples;
using Reporting.Storage.Assessments;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Ingestion;

/// <summary>Storage goes away in the middle of a sweep and comes back: nothing is lost or counted twice.</summary>
public sealed class OutageTests
{
    private static readonly Quarter Quarter = new(2025, 1);

    [Fact]
    public async Task Azurite_stopped_mid_sweep_and_restarted_then_the_next_sweep_completes_with_nothing_lost_or_doubled()
    {
        using var data = new TempDirectory();
        var first = await AzuriteServer.StartAsync(new AzuriteServerOptions { Location = data.Path });
        var ports = new AzuriteServerOptions { Location = data.Path, BlobPort = first.BlobPort, QueuePort = first.QueuePort, TablePort = first.TablePort };
        AzuriteServer? second = null;
        try
        {
            await using var pipeline = await TestPipeline.CreateAsync(first.ConnectionString, new Dictionary<string, string?> { ["Ingestion:MaxParallelism"] = "4" });
            var dataset = new SampleDataset();
            await pipeline.ImportRegistryAsync(dataset.Registry(Quarter.Months));
            var miners = dataset.Profiles.Where(p => Quarter.Months.All(p.Licence.IsActiveIn)).Take(8).ToArray();
            var consumption = new List<ConsumptionReport>();
            foreach (var miner in miners)
            {
                foreach (var month in Quarter.Months)
                {
                    var c = dataset.Consumption(miner, month);
                    consumption.Add(c);
                    await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-consumption.xlsx", MonthReportWriter.ToBytes(c));
                    await pipeline.UploadAsync($"{miner.Licence.Number}/{month}-sales.xlsx", MonthReportWriter.ToBytes(dataset.Sales(miner, month)));
                }
            }

            // Azurite writes its on-disk state every 5 s; let the uploads reach the disk, as acknowledged writes
            // do on Azure. Writes of the sweep's last seconds before the hard stop may be lost: a harsher crash
            // than Azure allows, which the ledger must survive all the same.
            await Task.Delay(TimeSpan.FromSeconds(6));

            // Stop storage (hard, as a crash) once a quarter of the uploads has been examined.
            var stopped = new TaskCompletionSource();
            var progress = new StopAt(12, () => stopped.TrySetResult());
            var sweep = Task.Run(() => pipeline.Get<UploadSweeper>().SweepAsync(progress));
            await stopped.Task.WaitAsync(TimeSpan.FromMinutes(2));
            await first.StopAsync();
            var interrupted = await sweep.WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(interrupted.HasFailures, "the outage must have been felt");

            second = await AzuriteServer.StartAsync(ports);
            var resumed = await pipeline.Get<UploadSweeper>().SweepAsync();

            Assert.False(resumed.HasFailures, string.Join("\n", resumed.Outcomes.Where(o => o.Status == UploadOutcomeStatus.Failed).Select(o => o.Blob + " " + o.Detail)));
            var submissions = new List<SubmissionRow>();
            foreach (var miner in miners) submissions.AddRange(await pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(miner.Licence.Number, CancellationToken.None));
            Assert.Equal(48, submissions.Count);
            Assert.Equal(48, submissions.Select(s => s.UploadId).Distinct().Count());
            Assert.All(submissions, s => Assert.Equal(Domain.Submissions.SubmissionStatus.Accepted, s.Status));
            foreach (var miner in miners)
            {
                var stored = await pipeline.Get<AssessmentStore>().GetAsync(Quarter, miner.Licence.Number, CancellationToken.None);
                Assert.NotNull(stored);
                Assert.Equal(6, stored.Inputs.Count);
                Assert.Equal(Recompute.FlatFee2024(consumption.Where(c => c.Licence == miner.Licence.Number)), stored.FeeKzt);
            }

            // And a third sweep finds nothing to do.
            var again = await pipeline.Get<UploadSweeper>().SweepAsync();
            Assert.Empty(again.Outcomes);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null) await second.DisposeAsync();
        }
    }

    private sealed class StopAt(int examined, Action stop) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            if (value.Examined >= examined) stop();
        }
    }
}
