using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Reporting.Web.Identity;

/// <summary>
/// `reporting serve` only: sign in as any user of the imported registry, remembered in a cookie signed with HMAC-SHA256
/// under a key made at random when the process starts (a restart signs everyone out). Only PortalServer registers it
/// (the Functions app never does), and it answers only requests from the loopback interface.
/// </summary>
public sealed class DevelopmentSignIn : IPortalSignIn
{
    public const string CookieName = "portal-dev-user";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public bool IsDevelopment => true;

    public string SignInUrl => Routing.PortalRoutes.Links.SignInPage;

    public static bool IsLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    public string? UserName(HttpContext context)
    {
        if (!IsLoopback(context) || !context.Request.Cookies.TryGetValue(CookieName, out var cookie)) return null;
        return Verify(cookie);
    }

    /// <summary>The cookie value for a user: base64url(name) "." base64url(HMAC(name)).</summary>
    public string Sign(string userName)
    {
        var name = Encoding.UTF8.GetBytes(userName.Trim().ToLowerInvariant());
        return WebEncoders.Base64UrlEncode(name) + "." + WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, name));
    }

    /// <summary>The user a cookie names, or null when it is malformed or not signed with this process's key.</summary>
    public string? Verify(string? cookie)
    {
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || dot <= 0 || cookie.Length > 2048) return null;
        try
        {
            var name = WebEncoders.Base64UrlDecode(cookie[..dot]);
            var mac = WebEncoders.Base64UrlDecode(cookie[(dot + 1)..]);
            return CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, name)) ? Encoding.UTF8.GetString(name) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public void SignIn(HttpContext context, string userName) =>
        context.Response.Cookies.Append(CookieName, Sign(userName), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });

    public static void SignOut(HttpContext context) => context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
}
