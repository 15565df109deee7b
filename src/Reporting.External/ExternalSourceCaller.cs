using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Reporting.External;

/// <summary>A page of any of the three APIs.</summary>
internal interface IExternalPage<out TItem>
{
    IReadOnlyList<TItem> Items { get; }

    string? NextPageToken { get; }
}

/// <summary>
/// The part the three clients share: request building, paging with a loop guard, and turning every failure
/// into one <see cref="ExternalSourceException"/>.
/// </summary>
internal sealed class ExternalSourceCaller(
    HttpClient http, IOptionsMonitor<ExternalSourceOptions> monitor, string sourceName, ILogger logger, TimeProvider time)
{
    public string SourceName => sourceName;

    public ExternalSourceOptions Options => monitor.Get(sourceName);

    public string? NotConfiguredReason => Options.GetNotConfiguredReason(sourceName);

    /// <summary>Fetches every page of <paramref name="path"/> and returns all items in server order.</summary>
    /// <param name="path">Relative path, e.g. "v1/purchases".</param>
    /// <param name="query">Query parameters other than the paging ones (escaped here).</param>
    /// <param name="what">Describes the call in messages, e.g. "purchases of 2025-03".</param>
    /// <param name="mismatch">Returns why a page does not answer the request (wrong month or licence), or null.</param>
    /// <param name="cancellationToken">Caller's cancellation; an <see cref="OperationCanceledException"/> is not wrapped.</param>
    public async Task<IReadOnlyList<TItem>> FetchAllAsync<TPage, TItem>(
        string path, IReadOnlyList<KeyValuePair<string, string>> query, string what,
        Func<TPage, string?> mismatch, CancellationToken cancellationToken)
        where TPage : class, IExternalPage<TItem>
    {
        var options = Options;
        var started = time.GetTimestamp();
        var notConfigured = options.GetNotConfiguredReason(sourceName);
        if (notConfigured is not null)
        {
            Log.NotConfigured(logger, sourceName, notConfigured);
            throw new ExternalSourceException(sourceName, ExternalSourceFailure.NotConfigured, null,
                $"{sourceName} is not configured: {notConfigured}");
        }

        try
        {
            var items = new List<TItem>();
            var seenTokens = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            var pages = 0;
            do
            {
                var uri = BuildUri(path, query, options.PageSize, token);
                var page = await GetPageAsync<TPage>(uri, options, what, cancellationToken).ConfigureAwait(false);
                pages++;
                if (page.Items is null || page.Items.Any(item => item is null))
                    throw BadResponse(null, $"page {pages} of {what} has a missing or null item");
                if (mismatch(page) is { } reason)
                    throw BadResponse(null, $"page {pages} of {what} does not answer the request: {reason}");
                items.AddRange(page.Items);

                token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
                Log.PageFetched(logger, sourceName, pages, what, page.Items.Count, token is not null);
                if (token is not null && !seenTokens.Add(token))
                    throw BadResponse(null, $"the server repeated a page token after {pages} pages of {what} (paging loop)");
                if (token is not null && pages >= options.MaxPages)
                    throw BadResponse(null, $"{what} has more than {options.MaxPages} pages (MaxPages); stopped");
            }
            while (token is not null);

            Log.Fetched(logger, sourceName, items.Count, what, pages, (long)time.GetElapsedTime(started).TotalMilliseconds);
            return items;
        }
        catch (ExternalSourceException ex)
        {
            Log.FetchFailed(logger, sourceName, what, ex.Failure, (int?)ex.StatusCode,
                (long)time.GetElapsedTime(started).TotalMilliseconds, ex.Message);
            throw;
        }
    }

    private async Task<TPage> GetPageAsync<TPage>(string uri, ExternalSourceOptions options, string what, CancellationToken cancellationToken)
        where TPage : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation(ExternalSourceNames.ApiKeyHeader, options.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            var which = ex.Timeout == options.TotalTimeout && options.TotalTimeout != options.Timeout
                ? $"the total timeout of {Seconds(options.TotalTimeout)} (retries included)"
                : $"the per-attempt timeout of {Seconds(options.Timeout)} on every attempt";
            throw Unavailable(null, $"{what} timed out: no complete answer within {which}", ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw Unavailable(null,
                $"{what} not attempted: circuit breaker is open after repeated failures (it lets a trial request through after {Seconds(options.BreakerBreakDuration)})",
                ex);
        }
        catch (TruncatedResponseException ex)
        {
            throw BadResponse(ex.Status, $"{what}: {ex.Message} (on every attempt)", ex);
        }
        catch (ResponseTooLargeException ex)
        {
            throw BadResponse(ex.Status, $"{what}: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(ex.StatusCode, $"{what}: request failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw Unavailable(null, $"{what}: request was cancelled before an answer: {ex.Message}", ex);
        }

        using (response)
        {
            var status = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var body = await ErrorSnippetAsync(response, cancellationToken).ConfigureAwait(false);
                var message = $"{what}: HTTP {(int)status} {response.ReasonPhrase}{body}";
                throw ExternalSourcePipeline.IsTransientStatus(status)
                    ? Unavailable(status, message + " (retries exhausted)")
                    : BadResponse(status, message);
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                && !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
                throw BadResponse(status, $"{what}: expected JSON, got Content-Type {mediaType}");

            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var page = await JsonSerializer.DeserializeAsync<TPage>(stream, ExternalJson.Options, cancellationToken).ConfigureAwait(false);
                    return page ?? throw BadResponse(status, $"{what}: the body is JSON null");
                }
            }
            catch (JsonException ex)
            {
                throw BadResponse(status, $"{what}: malformed or truncated JSON: {ex.Message}", ex);
            }
        }
    }

    private static string BuildUri(string path, IReadOnlyList<KeyValuePair<string, string>> query, int pageSize, string? token)
    {
        var builder = new StringBuilder(path).Append('?');
        foreach (var (name, value) in query)
            builder.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        builder.Append("pageSize=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        if (token is not null)
            builder.Append("&pageToken=").Append(Uri.EscapeDataString(token));
        return builder.ToString();
    }

    private static async Task<string> ErrorSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
                return "";
            try
            {
                var error = JsonSerializer.Deserialize<ErrorBody>(text, ExternalJson.Options);
                if (error is not null)
                    text = $"{error.Error}: {error.Message}";
            }
            catch (JsonException)
            {
                // Not the documented error body: show the raw text.
            }
            var flat = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
            return ": " + (flat.Length > 300 ? flat[..300] + "…" : flat);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static string Seconds(TimeSpan value) =>
        value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private ExternalSourceException Unavailable(HttpStatusCode? status, string message, Exception? inner = null) =>
        new(sourceName, ExternalSourceFailure.Unavailable, status, $"{sourceName} unavailable: {message}", inner);

    private ExternalSourceException BadResponse(HttpStatusCode? status, string message, Exception? inner = null) =>
        new(sourceName, ExternalSourceFailure.BadResponse, status, $"{sourceName} bad response: {message}", inner);
}
