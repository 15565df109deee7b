using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reporting.WorkerHost.Protocol;

/// <summary>
/// The host's gRPC endpoint: Kestrel on 127.0.0.1, a free port, plaintext HTTP/2 (what the worker's
/// Grpc.Net client dials for an http:// functions-uri).
/// </summary>
internal sealed class RpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcServer(WebApplication app, WorkerConnection connection, Uri uri)
    {
        _app = app;
        Connection = connection;
        Uri = uri;
    }

    public WorkerConnection Connection { get; }

    /// <summary>The address given to the worker as --functions-uri.</summary>
    public Uri Uri { get; }

    public static async Task<RpcServer> StartAsync(CancellationToken cancellationToken)
    {
        var connection = new WorkerConnection();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(connection);
        builder.Services.AddGrpc(grpc =>
        {
            // The worker is started with --functions-grpc-max-message-length 2147483647; the host side matches.
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });

        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        return new RpcServer(app, connection, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Open streams are aborted when the server is disposed below.
        }

        await _app.DisposeAsync();
    }
}
