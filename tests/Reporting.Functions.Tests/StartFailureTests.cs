using Reporting.WorkerHost;

namespace Reporting.Functions.Tests;

/// <summary>A required setting missing or invalid stops the worker at start, with the setting named.</summary>
public sealed class StartFailureTests
{
    [Theory]
    [InlineData("Workbook__MaxRows", "0", "MaxRows")]
    [InlineData("Schedules__Reconciliation", "every night", "Schedules:Reconciliation")]
    [InlineData("Schedules__QuarterlyReports", "", "Schedules:QuarterlyReports")]
    [InlineData("Ingestion__MaxParallelism", "0", "MaxParallelism")]
    [InlineData("Deadlines__ReportDueDay", "32", "ReportDueDay")]
    public async Task The_worker_exits_at_start_naming_the_setting(string setting, string value, string named)
    {
        var settings = FunctionsApp.SampleSettings();
        settings[setting] = value;

        var failure = await Assert.ThrowsAsync<WorkerStartException>(() => FunctionsWorker.StartAsync(FunctionsApp.Directory, settings));

        Assert.NotNull(failure.ExitCode);
        Assert.NotEqual(0, failure.ExitCode);
        Assert.Contains(named, failure.AllText, StringComparison.Ordinal);
    }
}
