using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reporting.Application;
using Reporting.Web.Handlers;
using Reporting.Web.Identity;
using Reporting.Web.Routing;
using Reporting.Web.Uploads;

namespace Reporting.Web.Hosting;

/// <summary>How to start the local portal.</summary>
public sealed class PortalServerOptions
{
    /// <summary>Port on 127.0.0.1 (0: a free one).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The pipeline's settings (Storage:ConnectionString, ...), over the environment's.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Further registrations (tests give a FakeTimeProvider here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}

/// <summary>
/// The portal on Kestrel for `reporting serve` and the browser tests: bound to 127.0.0.1 only, the route table mapped to
/// the same handlers the Functions app calls, the development sign-in (never available in the Functions app), and uploads
/// processed as soon as they are stored (there is no Event Grid locally).
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PortalServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<PortalServer> StartAsync(PortalServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PortalServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(options.Settings);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Loopback only: the development sign-in must never be reachable from another machine.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddRouting();
        options.ConfigureLogging?.Invoke(builder.Logging);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton<IPortalSignIn, DevelopmentSignIn>();
        builder.Services.AddSingleton<ProcessOnReceipt>();
        builder.Services.TryAddSingleton<IUploadReceipts>(sp => sp.GetRequiredService<ProcessOnReceipt>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProcessOnReceipt>());
        builder.Services.AddReportingPipeline(builder.Configuration);
        builder.Services.AddReportingPortal(builder.Configuration);

        var app = builder.Build();
        app.UseRouting();
        var handlers = app.Services.GetRequiredService<PortalHandlers>();
        foreach (var route in PortalRoutes.All)
            app.MapMethods(route.Template, [route.Method], context => route.HandleAsync(handlers, context));
        app.MapFallback(handlers.NotFoundAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new PortalServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
