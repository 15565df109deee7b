using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Reporting.Functions;

/// <summary>
/// Liveness endpoint for App Service health checks: answers without touching storage, so a storage
/// outage does not make the platform recycle healthy instances. Its route names "api/" itself: host.json's routePrefix
/// is "" (the portal is at the site root), and the health check path stays /api/health.
/// </summary>
public sealed class Health
{
    private static readonly string Version =
        typeof(Health).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [Function(nameof(Health))]
    public Task RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request) =>
        // Written straight to the ASP.NET Core response: no MVC result executors needed.
        request.HttpContext.Response.WriteAsJsonAsync(new HealthStatus("ok", Version), request.HttpContext.RequestAborted);

    /// <summary>The JSON body: {"status":"ok","version":"..."}.</summary>
    public sealed record HealthStatus(string Status, string Version);
}
