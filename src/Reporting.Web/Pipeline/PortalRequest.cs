using Microsoft.AspNetCore.Http;
using Reporting.Domain.Registry;
using Reporting.Domain.Text;
using Reporting.Web.Rendering;
using Reporting.Web.Text;

namespace Reporting.Web.Pipeline;

/// <summary>One request as the handlers see it: the reader's words, who is signed in (and what the registry says of
/// them), the form token, and the reference that ties an error page to its log line.</summary>
public sealed class PortalRequest(HttpContext http, Words words, string? userName, RegistryUser? user, bool development, string reference)
{
    // Issued when a page needs it: an asset's response (publicly cacheable) never sets a cookie.
    private readonly Lazy<string> _csrf = new(() => Security.CsrfTokens.GetOrIssue(http));

    public HttpContext Http { get; } = http;
    public Words Words { get; } = words;

    /// <summary>The name the sign-in gave, whether or not the registry knows it.</summary>
    public string? UserName { get; } = userName;

    /// <summary>The registry's entry for the signed-in name; handlers that need a user never run without one.</summary>
    public RegistryUser? User { get; } = user;

    public RegistryUser RequiredUser => User ?? throw new InvalidOperationException("This handler needs a registered user.");

    /// <summary>The form token (issued as a cookie the first time a page asks for it).</summary>
    public string Csrf => _csrf.Value;
    public bool Development { get; } = development;
    public string Reference { get; } = reference;
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The page frame with a heading; <paramref name="path"/> is the page's own address when it is not the request's.</summary>
    public PageFrame Frame(string heading, string? path = null)
    {
        var userLine = UserName is null
            ? null
            : User is null ? UserName : Words.Render(PortalTexts.SignedInAs.With(("user", User.User), ("role", Domain.Text.Terms.Term(User.Role))));
        return new PageFrame(Words, heading, userLine, Development, UserName is not null, Csrf, path ?? Http.Request.Path.Value ?? "/");
    }
}
