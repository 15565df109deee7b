using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Application;
using Reporting.Web;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: the host proxies HTTP requests to the worker's own Kestrel (the portal, the Health endpoint).
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// The Application Insights SDK adds a rule that keeps only warnings; the functions' outcome lines are
// information, so drop that rule and let host.json's log levels decide.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var warningsOnly = options.Rules.FirstOrDefault(rule =>
        rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (warningsOnly is not null) options.Rules.Remove(warningsOnly);
});

// The same registration as the command line and the tests: the functions only delegate to it.
builder.Services.AddReportingPipeline(builder.Configuration);

// The miners' portal (src/Reporting.Web): identity from App Service Authentication, uploads processed by ProcessUpload.
builder.Services.AddReportingPortal(builder.Configuration);

builder.Build().Run();
