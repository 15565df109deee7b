using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reporting.Web.Security;

/// <summary>
/// Stateless CSRF protection that needs no shared key between instances: a double-submit token (a random value in a
/// SameSite=Strict, HttpOnly cookie, echoed by every form and compared in constant time) plus a check that an unsafe
/// request comes from this site (Sec-Fetch-Site, else Origin). A cross-site page can neither read the cookie nor make
/// the browser send it, and cannot forge the Origin the browser sets.
/// </summary>
public static class CsrfTokens
{
    /// <summary>The hidden form field (and the header a script may use instead).</summary>
    public const string FieldName = "csrf";

    public const string HeaderName = "X-CSRF-Token";

    /// <summary>Over https the cookie is __Host- prefixed: Secure, for this host only, path "/".</summary>
    public const string SecureCookieName = "__Host-portal-csrf";

    public const string PlainCookieName = "portal-csrf";

    private const int TokenBytes = 32;

    public static string CookieName(HttpRequest request) => request.IsHttps ? SecureCookieName : PlainCookieName;

    /// <summary>The request's token, issuing a new one (as a cookie on the response) when it has none or a malformed one.</summary>
    public static string GetOrIssue(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName(context.Request), out var existing) && IsWellFormed(existing)) return existing;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TokenBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(CookieName(context.Request), token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        return token;
    }

    /// <summary>True when the submitted token equals the cookie's (constant time; both must be present and well formed).</summary>
    public static bool Matches(HttpRequest request, string? submitted)
    {
        if (!request.Cookies.TryGetValue(CookieName(request), out var cookie) || !IsWellFormed(cookie) || !IsWellFormed(submitted)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cookie), Encoding.ASCII.GetBytes(submitted!));
    }

    /// <summary>
    /// True when an unsafe request comes from a page of this site: Sec-Fetch-Site "same-origin" when the browser sends it,
    /// else an Origin equal to the request's own. A request with neither header is refused (every browser the portal
    /// supports sends at least Origin with a form post).
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !string.Equals(fetchSite, "same-origin", StringComparison.OrdinalIgnoreCase)) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return fetchSite.Length > 0;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
