using Microsoft.AspNetCore.Http;

namespace Reporting.Web.Identity;

/// <summary>
/// Where the signed-in user's name comes from: Easy Auth's principal header in production, the development sign-in's
/// cookie under `reporting serve`. One per host; the registry then decides what the name may do.
/// </summary>
public interface IPortalSignIn
{
    /// <summary>True for the development sign-in: pages say so, and the sign-in pages exist.</summary>
    bool IsDevelopment { get; }

    /// <summary>The sign-in name (lower case) of the request, or null when nobody is signed in.</summary>
    string? UserName(HttpContext context);

    /// <summary>Where the "sign in" link of a signed-out page leads.</summary>
    string SignInUrl { get; }
}
