using Microsoft.AspNetCore.Http;

namespace Reporting.Web.Security;

/// <summary>
/// The headers every portal response carries: a strict Content-Security-Policy (only this site's own scripts, styles
/// and images; no inline code; no framing; forms post only here), no content sniffing, referrers kept on the site.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        // Pages show a licence's own data: never kept by shared caches or the browser's history cache.
        headers.CacheControl = "no-store";
    }
}
