using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Reporting.WorkerHost.Protocol;

namespace Reporting.WorkerHost;

/// <summary>
/// HTTP triggers with ASP.NET Core integration, as Azure's host runs them (GrpcWorkerChannel.SendInvocationRequest
/// and DefaultHttpProxyService): the worker reports its own Kestrel address as the "HttpUri" capability; for each
/// request the host sends an InvocationRequest whose HTTP input is an empty RpcHttp, then forwards the real
/// request (YARP) to HttpUri + path and query, adding "x-ms-invocation-id" so the worker pairs the two. The
/// worker's HTTP response is the answer; the InvocationResponse says whether the function succeeded.
/// </summary>
public sealed partial class FunctionsWorker
{
    private const string InvocationIdHeader = "x-ms-invocation-id";

    private readonly Lazy<HttpClient> _http;
    private bool _httpListening;

    /// <summary>The worker's ASP.NET Core endpoint, or null without ASP.NET Core integration.</summary>
    public Uri? HttpUri => Capabilities.TryGetValue("HttpUri", out var uri) && uri.Length > 0 ? new Uri(uri) : null;

    /// <summary>
    /// Sends <paramref name="request"/> to the HTTP-triggered function (any method, headers, cookies, body)
    /// and returns the worker's response (status, headers, body, read in full). A relative request URI is
    /// taken relative to http://localhost/. Throws <see cref="FunctionInvocationException"/> when the invocation
    /// fails, where Azure's host would answer 500.
    /// </summary>
    public async Task<HttpResponseMessage> SendHttpAsync(string functionName, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var function = Function(functionName);
        if (!function.TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{functionName} is not HTTP-triggered.", nameof(functionName));
        var httpUri = HttpUri ?? throw new InvalidOperationException("The worker reported no HttpUri capability: the app does not use ConfigureFunctionsWebApplication().");
        var original = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : new Uri(new Uri("http://localhost/"), request.RequestUri?.OriginalString ?? "/");

        await EnsureHttpListeningAsync(httpUri, cancellationToken);

        var inputs = new Dictionary<string, RpcValue> { [function.Trigger.Str("name")] = RpcValue.EmptyHttp() };
        var metadata = HttpMetadata(request, original);
        foreach (var (name, value) in RouteValues(function, original)) metadata[name] = RpcValue.FromString(value);
        var (invocationId, response) = SendInvocation(function, inputs, metadata);

        var forwarded = Forward(request, original, httpUri, invocationId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeouts.Request);
        var sending = _http.Value.SendAsync(forwarded, HttpCompletionOption.ResponseContentRead, timeout.Token);

        InvocationResult result;
        HttpResponseMessage answer;
        try
        {
            result = Result(functionName, invocationId, await WaitAsync(response, $"the InvocationResponse of {functionName}", cancellationToken));
            answer = await sending;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var failed = response.IsCompletedSuccessfully ? Result(functionName, invocationId, response.Result) : null;
            if (failed is { Succeeded: false }) throw new FunctionInvocationException(failed);
            throw new InvalidOperationException($"Forwarding the request to the worker at {httpUri} failed: {e.Message}\n{Output}", e);
        }
        finally
        {
            // Nothing keeps waiting for the worker once this call is over (a failed wait leaves the send running).
            await timeout.CancelAsync();
        }

        if (result.Succeeded) return answer;
        answer.Dispose();
        throw new FunctionInvocationException(result);
    }

    private static HttpRequestMessage Forward(HttpRequestMessage request, Uri original, Uri httpUri, string invocationId)
    {
        var forwarded = new HttpRequestMessage(request.Method, new Uri(httpUri, original.PathAndQuery))
        {
            Version = HttpVersion.Version11,
            Content = request.Content,
        };
        foreach (var header in request.Headers)
        {
            if (!header.Key.Equals("Host", StringComparison.OrdinalIgnoreCase))
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        // YARP's default transforms: the destination's Host, the original in X-Forwarded-* (the worker applies them).
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", "127.0.0.1");
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Proto", original.Scheme);
        forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Host", original.Authority);
        forwarded.Headers.Remove(InvocationIdHeader);
        forwarded.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return forwarded;
    }

    /// <summary>
    /// The HTTP trigger's binding data (HttpTriggerAttributeBindingProvider): each query parameter, "Query" and "Headers"
    /// (the route's values are added by the caller).
    /// </summary>
    private static Dictionary<string, RpcValue> HttpMetadata(HttpRequestMessage request, Uri original)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in original.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            query[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Host"] = original.Authority };
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
            headers[header.Key] = string.Join(",", header.Value);

        var metadata = query.Where(q => !q.Key.Equals("code", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => RpcValue.FromString(q.Value));
        metadata["Query"] = RpcValue.FromJson(JsonSerializer.Serialize(query));
        metadata["Headers"] = RpcValue.FromJson(JsonSerializer.Serialize(headers));
        return metadata;
    }

    /// <summary>
    /// The worker's Kestrel starts beside its gRPC client and may not listen yet right after init; the host
    /// retries refused connections for this (RetryProxyHandler). Here: wait once until the port accepts.
    /// </summary>
    private async Task EnsureHttpListeningAsync(Uri httpUri, CancellationToken cancellationToken)
    {
        if (_httpListening) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeouts.Request);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(httpUri.Host, httpUri.Port, timeout.Token);
                _httpListening = true;
                return;
            }
            catch (SocketException) when (!HasExited)
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The worker's HTTP endpoint {httpUri} did not accept connections within {Timeouts.Request.TotalSeconds:0} s.\n{Output}");
            }
        }
    }

    private static HttpClient CreateProxyClient() =>
        // As the host's forwarder: no redirects followed, cookies passed through as headers, no decompression.
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
