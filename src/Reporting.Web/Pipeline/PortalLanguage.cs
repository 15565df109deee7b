using Microsoft.AspNetCore.Http;
using Reporting.Domain;
using Reporting.Domain.Text;

namespace Reporting.Web.Pipeline;

/// <summary>
/// The reader's language: a "lang" link of the language switch (remembered in a cookie), else the remembered choice, else
/// the browser's Accept-Language, else Russian (the working language of most filers' accountants).
/// </summary>
public static class PortalLanguage
{
    public const string CookieName = "portal-lang";
    public const string QueryName = "lang";
    public const Language Default = Language.Ru;

    public static Language Choose(HttpContext context)
    {
        var request = context.Request;
        if (Languages.TryParse(request.Query[QueryName].ToString(), out var chosen))
        {
            context.Response.Cookies.Append(CookieName, chosen.Code(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = request.IsHttps,
                Path = "/",
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return chosen;
        }

        if (request.Cookies.TryGetValue(CookieName, out var remembered) && Languages.TryParse(remembered, out var language)) return language;
        return Languages.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString()) ?? Default;
    }
}
