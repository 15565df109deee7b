using Cronos;
using Reporting.WorkerHost;
using Xunit.Abstractions;

namespace Reporting.Functions.Tests;

/// <summary>The worker started from the sample settings reports every function with what production needs.</summary>
[Collection(WorkerCollection.Name)]
public sealed class StartupTests(WorkerFixture fixture, ITestOutputHelper output)
{
    private FunctionsWorker Worker => fixture.Worker;

    [Fact]
    public void Every_function_is_reported_with_its_trigger()
    {
        output.WriteLine($"Worker start to metadata: {Worker.StartupTime.TotalMilliseconds:0} ms; to all functions loaded: {fixture.StartedAndLoadedIn.TotalMilliseconds:0} ms");

        Assert.Equal(
            new[]
            {
                "Audit:timerTrigger", "BuildQuarterlyReports:timerTrigger", "Health:httpTrigger", "ProcessUpload:blobTrigger", "Reconcile:timerTrigger",
                "RunAudit:queueTrigger", "RunReconciliation:queueTrigger", "RunReportBuild:queueTrigger", "RunSweep:queueTrigger", "Sweep:timerTrigger",
            }.Concat(Web.Routing.PortalRoutes.All.Select(r => $"{r.Name}:httpTrigger")).Order(StringComparer.Ordinal),
            Worker.Functions.Select(f => $"{f.Name}:{f.TriggerType}").Order(StringComparer.Ordinal));
        Assert.All(Worker.Functions, f => Assert.False(string.IsNullOrEmpty(f.Id)));
        Assert.All(Worker.Functions, f => Assert.Equal("Reporting.Functions.dll", Path.GetFileName(f.ScriptFile)));
    }

    [Fact]
    public void ProcessUpload_is_an_event_grid_blob_trigger_on_the_uploads_container()
    {
        var trigger = Worker.Function("ProcessUpload").Trigger;

        Assert.Equal("uploads/{name}", trigger["path"]!.GetValue<string>());
        Assert.Equal("EventGrid", trigger["source"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
        // BlobClient is bound by the extension in the worker from the host's model binding data.
        Assert.Equal("True", trigger["properties"]!["supportsDeferredBinding"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("BuildQuarterlyReports", "QuarterlyReports", "2026-01-01T03:00:00Z")]
    [InlineData("Reconcile", "Reconciliation", "2026-01-01T02:30:00Z")]
    [InlineData("Audit", "Audit", "2026-01-01T02:00:00Z")]
    [InlineData("Sweep", "Sweep", "2026-01-01T00:10:00Z")]
    public void Timer_schedules_resolve_from_the_settings_as_six_field_cron(string function, string schedule, string firstAfterNewYear)
    {
        var trigger = Worker.Function(function).Trigger;
        var expression = trigger["schedule"]!.GetValue<string>();

        // The host resolves %Name:Key% against app settings, where ':' is written '__'.
        Assert.Equal($"%Schedules:{schedule}%", expression);
        var value = FunctionsApp.SampleSettings()[$"Schedules__{schedule}"];
        Assert.NotNull(value);
        var cron = CronExpression.Parse(value, CronFormat.IncludeSeconds);
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(DateTime.Parse(firstAfterNewYear, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), cron.GetNextOccurrence(from));
        Assert.False(trigger["runOnStartup"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("RunSweep", "work-sweep")]
    [InlineData("RunReconciliation", "work-reconcile")]
    [InlineData("RunReportBuild", "work-reports")]
    [InlineData("RunAudit", "work-audit")]
    public void Each_queue_function_reads_its_own_queue_on_the_host_storage(string function, string queue)
    {
        var trigger = Worker.Function(function).Trigger;

        Assert.Equal(queue, trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
        Assert.Equal(queue, new Reporting.Storage.StorageLayout().Queue(Enum.Parse<Reporting.Storage.WorkQueue>(function switch
        {
            "RunSweep" => "Sweep",
            "RunReconciliation" => "Reconcile",
            "RunReportBuild" => "Report",
            _ => "Audit",
        })));
    }

    [Fact]
    public void The_apps_retry_settings_are_host_jsons_queue_settings()
    {
        using var host = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsApp.Directory, "host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");
        var settings = FunctionsApp.SampleSettings();

        Assert.Equal(queues.GetProperty("maxDequeueCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), settings["Work__MaxDequeueCount"]);
        Assert.Equal(queues.GetProperty("visibilityTimeout").GetString(), settings["Work__RetryDelay"]);
        Assert.Equal(queues.GetProperty("batchSize").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), settings["Work__BatchSize"]);
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString()); // what the app's queue client writes
    }

    [Fact]
    public void Health_is_an_anonymous_get_on_the_health_route_served_through_the_http_proxy()
    {
        var trigger = Worker.Function("Health").Trigger;

        // host.json's routePrefix is "" (the portal is at the site root): the route names "api/" itself.
        Assert.Equal("", Worker.RoutePrefix);
        Assert.Equal("api/health", trigger["route"]!.GetValue<string>());
        Assert.Equal("Anonymous", trigger["authLevel"]!.GetValue<string>());
        Assert.Equal(["get"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.NotNull(Worker.HttpUri);
        Assert.Equal("127.0.0.1", System.Net.Dns.GetHostAddresses(Worker.HttpUri.Host).Select(a => a.ToString()).FirstOrDefault(a => a == "127.0.0.1"));
    }

    /// <summary>The portal's HTTP functions are exactly its route table (name, method, route): the two hosts cannot drift.</summary>
    [Fact]
    public void The_portal_functions_are_the_route_table_anonymous_at_the_site_root()
    {
        var functions = Worker.Functions.Where(f => f.TriggerType == "httpTrigger" && f.Name != "Health")
            .Select(f => $"{f.Name} {string.Join(",", f.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()))} {Worker.RouteTemplate(f)} {f.Trigger["authLevel"]}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(Web.Routing.PortalRoutes.All.Select(r => $"{r.Name} {r.Method} {r.Template} Anonymous").Order(StringComparer.Ordinal), functions);
    }
}
