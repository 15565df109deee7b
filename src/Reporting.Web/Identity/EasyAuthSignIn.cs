using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Reporting.Web.Identity;

/// <summary>
/// Production: the user App Service Authentication signed in (Microsoft Entra ID), from the platform's
/// X-MS-CLIENT-PRINCIPAL header. The header is trusted only while App Service says authentication is on
/// (WEBSITE_AUTH_ENABLED=True, which the platform sets): with it off the front end would pass a client's forged header.
/// </summary>
public sealed class EasyAuthSignIn(IConfiguration configuration) : IPortalSignIn
{
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";

    private readonly bool _enabled = string.Equals(configuration[EnabledSetting], "true", StringComparison.OrdinalIgnoreCase);

    public bool IsDevelopment => false;

    public string SignInUrl => "/.auth/login/aad?post_login_redirect_uri=/";

    public string? UserName(HttpContext context) =>
        _enabled ? ClientPrincipal.Parse(context.Request.Headers[ClientPrincipal.HeaderName].ToString())?.UserName : null;
}
