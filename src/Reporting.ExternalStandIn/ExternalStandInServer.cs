using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reporting.External;

namespace Reporting.ExternalStandIn;

/// <summary>
/// A real HTTP server on 127.0.0.1 that serves the three external APIs (docs/external-apis.md) from a data
/// folder, with the API key check, opaque-token paging, fault injection and request counters.
/// </summary>
public sealed class ExternalStandInServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StandInOptions _options;
    private readonly byte[] _apiKey;
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;
    private long _endlessToken;

    private ExternalStandInServer(WebApplication app, StandInOptions options)
    {
        _app = app;
        _options = options;
        _apiKey = Encoding.UTF8.GetBytes(options.ApiKey);
        Requests = new StandInRequestLog(options.RequestLogCapacity);
        if (options.Fault is not null)
            Faults.Set(options.Fault);
        foreach (var (api, plan) in options.Faults ?? new Dictionary<StandInApi, FaultPlan>())
            Faults.Set(api, plan);
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the BaseUrl to give the clients.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The data folder served.</summary>
    public string DataFolder => _options.DataFolder;

    /// <summary>Fault plans per API, changeable while running.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Request counters and log.</summary>
    public StandInRequestLog Requests { get; }

    /// <summary>Starts a server and returns once it accepts connections.</summary>
    public static async Task<ExternalStandInServer> StartAsync(StandInOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataFolder);
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DefaultPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.DefaultPageSize, options.MaxPageSize);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ExternalStandInServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        options.ConfigureLogging?.Invoke(builder.Logging);

        var app = builder.Build();
        var server = new ExternalStandInServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Stops accepting requests; held requests (timeout faults) end at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var api = StandInApis.FromPath(request.Path.Value);
        var entry = Requests.Record(_options.TimeProvider.GetUtcNow(), request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", api);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await AnswerAsync(context, api, entry, aborted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (or the server is stopping): nothing left to answer.
            context.Abort();
        }
        catch (InvalidDataException ex)
        {
            // A broken data file is the stand-in's own fault: say so plainly.
            if (!context.Response.HasStarted)
                await WriteErrorAsync(context, 500, "data_error", ex.Message, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            entry.StatusCode = context.Response.StatusCode;
            entry.Aborted = context.RequestAborted.IsCancellationRequested || entry.Aborted;
        }
    }

    private async Task AnswerAsync(HttpContext context, StandInApi? api, StandInRequest entry, CancellationToken cancellationToken)
    {
        if (api is not { } known)
        {
            await WriteErrorAsync(context, 404, "not_found", $"No API at {context.Request.Path}", cancellationToken).ConfigureAwait(false);
            return;
        }

        // Faults hit a request before anything else, as a failing gateway would (whatever the method or key).
        var fault = Faults.Next(known);
        entry.Fault = fault?.Mode ?? FaultMode.None;
        switch (fault?.Mode)
        {
            case FaultMode.ServerError:
                await WriteErrorAsync(context, fault.StatusCode, "server_error", "Injected server error", cancellationToken).ConfigureAwait(false);
                return;
            case FaultMode.TooManyRequests:
                context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, 429, "too_many_requests", "Injected rate limit", cancellationToken).ConfigureAwait(false);
                return;
            case FaultMode.Timeout:
                await Task.Delay(fault.Delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                await WriteErrorAsync(context, 504, "timeout", "Injected timeout", cancellationToken).ConfigureAwait(false);
                return;
            case FaultMode.Slow:
                await Task.Delay(fault.Delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            await WriteErrorAsync(context, 405, "method_not_allowed", "Only GET is supported", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!KeyMatches(context.Request.Headers[ExternalSourceNames.ApiKeyHeader]))
        {
            await WriteErrorAsync(context, 401, "unauthorized", $"Missing or wrong {ExternalSourceNames.ApiKeyHeader}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var month = query["month"].ToString();
        if (!StandInData.IsMonth(month))
        {
            await WriteErrorAsync(context, 400, "bad_request", "month must be yyyy-MM", cancellationToken).ConfigureAwait(false);
            return;
        }
        string? licence = null;
        if (known != StandInApi.Purchases)
        {
            licence = query["licence"].ToString();
            if (!StandInData.IsLicence(licence))
            {
                await WriteErrorAsync(context, 400, "bad_request", "licence is missing or not a valid licence number", cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        var pageSize = _options.DefaultPageSize;
        if (query.TryGetValue("pageSize", out var pageSizeText)
            && (!int.TryParse(pageSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > _options.MaxPageSize))
        {
            await WriteErrorAsync(context, 400, "bad_request", $"pageSize must be 1–{_options.MaxPageSize}", cancellationToken).ConfigureAwait(false);
            return;
        }

        var scope = licence is null ? month : licence + "\n" + month;
        var offset = 0;
        var pagingFault = fault?.Mode is FaultMode.RepeatedPageToken or FaultMode.EndlessPages;
        if (!pagingFault && query.TryGetValue("pageToken", out var tokenText) && !TryReadToken(tokenText.ToString(), known, scope, out offset))
        {
            await WriteErrorAsync(context, 400, "bad_request", "pageToken is not a token this API issued for this query", cancellationToken).ConfigureAwait(false);
            return;
        }

        var folder = _options.DataFolder;
        var body = known switch
        {
            StandInApi.Purchases => Page(StandInData.Read<LicencePurchase>(StandInData.PurchasesPath(folder, month)),
                (items, next) => new PurchasesPage(month, items, next)),
            StandInApi.TradeConfirmations => Page(StandInData.Read<TradeConfirmation>(StandInData.TradesPath(folder, licence!, month)),
                (items, next) => new TradeConfirmationsPage(licence!, month, items, next)),
            _ => Page(StandInData.Read<PoolDistribution>(StandInData.DistributionsPath(folder, licence!, month)),
                (items, next) => new DistributionsPage(licence!, month, items, next)),
        };

        byte[] Page<TItem, TPage>(IReadOnlyList<TItem> all, Func<IReadOnlyList<TItem>, string?, TPage> create)
        {
            if (offset > all.Count)
                offset = all.Count;
            var items = all.Skip(offset).Take(pageSize).ToList();
            var next = fault?.Mode switch
            {
                FaultMode.RepeatedPageToken => "repeat-" + WriteToken(known, scope, 0),
                FaultMode.EndlessPages => "endless-" + Interlocked.Increment(ref _endlessToken).ToString(CultureInfo.InvariantCulture),
                _ => offset + items.Count < all.Count ? WriteToken(known, scope, offset + items.Count) : null,
            };
            return JsonSerializer.SerializeToUtf8Bytes(create(items, next), ExternalJson.Options);
        }

        await WriteBodyAsync(context, body, fault, entry, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteBodyAsync(
        HttpContext context, byte[] body, FaultPlan? fault, StandInRequest entry, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        switch (fault?.Mode)
        {
            case FaultMode.TruncatedBody:
                if (!fault.Chunked)
                    response.ContentLength = body.Length;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                // Aborting at once could drop the buffered headers with the connection: give the client time
                // to read them and the partial body, so what it sees is a body cut off mid-JSON.
                await Task.Delay(fault.Delay, timeProvider, cancellationToken).ConfigureAwait(false);
                entry.Aborted = true;
                context.Abort();
                return;
            case FaultMode.MalformedBody:
                response.ContentLength = body.Length / 2;
                await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken).ConfigureAwait(false);
                return;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(code, message), ExternalJson.Options);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, cancellationToken).AsTask();
    }

    private bool KeyMatches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _apiKey);

    // Tokens are opaque to clients: base64url of "v1|api|offset|hash of the query scope". A token is only
    // accepted for the API and licence/month it was issued for.
    private static string WriteToken(StandInApi api, string scope, int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{(int)api}|{offset}|{ScopeHash(scope)}")));

    private static bool TryReadToken(string token, StandInApi api, string scope, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('|');
            return parts.Length == 4 && parts[0] == "v1"
                && parts[1] == ((int)api).ToString(CultureInfo.InvariantCulture)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && parts[3] == ScopeHash(scope);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string ScopeHash(string scope) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 8));
}
