using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Reporting.Web.Security;

namespace Reporting.Web.Uploads;

public enum ReceiveStatus
{
    Received,

    /// <summary>Not multipart/form-data, or the token field did not come first: not the portal's own form.</summary>
    NotTheForm,

    /// <summary>The form's token differs from the cookie's.</summary>
    TokenMismatch,

    /// <summary>No file part, or an empty file.</summary>
    NoFile,

    /// <summary>Bigger than the limit: refused from Content-Length, or stopped while reading.</summary>
    TooLarge,
}

public sealed record ReceivedUpload(ReceiveStatus Status, byte[] Content, string? FileName)
{
    public static ReceivedUpload Failed(ReceiveStatus status) => new(status, [], null);
}

/// <summary>
/// Reads the upload form as a stream (never buffered whole): the "csrf" field must come first and match before a byte
/// of the file is kept; the file is read up to the limit and the request refused past it. A Content-Length above the
/// limit (plus the form's framing) is refused before anything is read.
/// </summary>
public static class MultipartUpload
{
    public const string FileField = "file";

    /// <summary>Room for the boundaries, part headers and the token around the file.</summary>
    public const long FramingAllowance = 16 * 1024;

    private const int MaxTokenBytes = 128;

    public static bool DeclaredTooLarge(HttpRequest request, long maxBytes) => request.ContentLength > maxBytes + FramingAllowance;

    public static async Task<ReceivedUpload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (DeclaredTooLarge(request, maxBytes)) return ReceivedUpload.Failed(ReceiveStatus.TooLarge);
        try
        {
            return await ReadFormAsync(request, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ReceivedUpload.Failed(ReceiveStatus.TooLarge); // the server's body limit, set from the same setting, was reached first
        }
    }

    private static async Task<ReceivedUpload> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) ||
            HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return ReceivedUpload.Failed(ReceiveStatus.NotTheForm);
        }

        // The server's own body limit (Kestrel's 30 MB by default) follows the setting, so neither refuses what the other allows.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit) bodyLimit.MaxRequestBodySize = maxBytes + FramingAllowance;
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 4096 };
        var first = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false);
        if (first is null || Field(first) != CsrfTokens.FieldName) return ReceivedUpload.Failed(ReceiveStatus.NotTheForm);
        var token = await ReadTokenAsync(first.Body, cancellationToken).ConfigureAwait(false);
        if (!CsrfTokens.Matches(request, token)) return ReceivedUpload.Failed(ReceiveStatus.TokenMismatch);

        for (var section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false); section is not null;
             section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Field(section) != FileField || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var content = await ReadBoundedAsync(section.Body, maxBytes, cancellationToken).ConfigureAwait(false);
            if (content is null) return ReceivedUpload.Failed(ReceiveStatus.TooLarge);
            if (content.Length == 0) return ReceivedUpload.Failed(ReceiveStatus.NoFile);
            var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
            return new ReceivedUpload(ReceiveStatus.Received, content, string.IsNullOrWhiteSpace(name) ? null : Path.GetFileName(name.Replace('\\', '/')));
        }

        return ReceivedUpload.Failed(ReceiveStatus.NoFile);
    }

    private static string? Field(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
            : null;

    private static async Task<string?> ReadTokenAsync(Stream body, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(body, MaxTokenBytes, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : System.Text.Encoding.ASCII.GetString(bytes);
    }

    /// <summary>The part's bytes, or null as soon as they pass <paramref name="max"/> (the rest is not read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
