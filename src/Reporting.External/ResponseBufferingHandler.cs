using System.Net;

namespace Reporting.External;

/// <summary>
/// Innermost handler of every source's HttpClient: reads the whole response body into memory <em>inside</em>
/// the resilience pipeline, so that a body cut off by an aborted connection fails the attempt (and is retried
/// like any transport failure) and the per-attempt timeout covers the body, not only the headers.
/// </summary>
internal sealed class ResponseBufferingHandler(long maxResponseBytes) : DelegatingHandler
{

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var original = response.Content;
            var status = response.StatusCode;
            var length = original.Headers.ContentLength;
            if (length > maxResponseBytes)
                throw new ResponseTooLargeException(status, maxResponseBytes, length);
            byte[] body;
            try
            {
                var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                    body = await ReadBoundedAsync(stream, status, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new TruncatedResponseException(status, length, ex);
            }

            var buffered = new ByteArrayContent(body);
            foreach (var header in original.Headers)
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = buffered;
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<byte[]> ReadBoundedAsync(Stream stream, HttpStatusCode status, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + read > maxResponseBytes)
                throw new ResponseTooLargeException(status, maxResponseBytes, null);
            memory.Write(buffer, 0, read);
        }
        return memory.ToArray();
    }
}

/// <summary>
/// The response headers arrived but the body could not be read to its end (connection closed or reset).
/// An <see cref="HttpRequestException"/>, so the retry strategy treats it as transient.
/// </summary>
internal sealed class TruncatedResponseException(HttpStatusCode status, long? contentLength, Exception inner)
    : HttpRequestException(
        $"HTTP {(int)status} response body was cut off before its end" +
        (contentLength is { } length ? $" (Content-Length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : " (chunked)") +
        $": {inner.Message}",
        inner,
        status)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The body is larger than <see cref="ExternalSourceOptions.MaxResponseBytes"/>; not transient.</summary>
internal sealed class ResponseTooLargeException(HttpStatusCode status, long maxResponseBytes, long? contentLength)
    : Exception(
        $"HTTP {(int)status} response body is larger than MaxResponseBytes ({maxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes)" +
        (contentLength is { } length ? $" (Content-Length {length.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : ""))
{
    public HttpStatusCode Status { get; } = status;
}
