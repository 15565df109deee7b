using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Reporting.Web.Security;

namespace Reporting.Web.Tests.Security;

/// <summary>The double-submit token and the same-origin check, on hand-built requests.</summary>
public sealed class CsrfTokensTests
{
    private const string Token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // 43 characters of base64url: 32 bytes

    private static DefaultHttpContext Context(string scheme = "http", string host = "127.0.0.1:5080", string? cookie = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (cookie is not null) context.Request.Headers.Cookie = cookie;
        return context;
    }

    [Fact]
    public void A_request_without_a_token_gets_a_new_strict_http_only_cookie_of_32_random_bytes()
    {
        var context = Context();

        var token = CsrfTokens.GetOrIssue(context);

        Assert.Equal(43, token.Length);
        Assert.NotEqual(token, CsrfTokens.GetOrIssue(Context()));
        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        Assert.Equal("portal-csrf", cookie.Name.Value);
        Assert.Equal(token, cookie.Value.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.False(cookie.Secure);
        Assert.Equal("/", cookie.Path.Value);
    }

    [Fact]
    public void Over_https_the_cookie_is_host_prefixed_and_secure()
    {
        var context = Context(scheme: "https", host: "portal.example.kz");

        CsrfTokens.GetOrIssue(context);

        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        Assert.Equal("__Host-portal-csrf", cookie.Name.Value);
        Assert.True(cookie.Secure);
        Assert.Null(cookie.Domain.Value);
    }

    [Fact]
    public void An_existing_well_formed_token_is_kept_and_no_cookie_is_set()
    {
        var context = Context(cookie: $"portal-csrf={Token}");

        Assert.Equal(Token, CsrfTokens.GetOrIssue(context));
        Assert.Empty(context.Response.Headers.SetCookie.ToString());
    }

    [Theory]
    [InlineData(Token, true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", false)] // one character differs
    [InlineData("AAAA", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void The_submitted_token_must_equal_the_cookie(string? submitted, bool expected) =>
        Assert.Equal(expected, CsrfTokens.Matches(Context(cookie: $"portal-csrf={Token}").Request, submitted));

    [Fact]
    public void Without_the_cookie_no_token_matches() => Assert.False(CsrfTokens.Matches(Context().Request, Token));

    [Fact]
    public void A_malformed_cookie_matches_nothing_not_even_itself() =>
        Assert.False(CsrfTokens.Matches(Context(cookie: "portal-csrf=<script>").Request, "<script>"));

    [Fact]
    public void The_https_cookie_is_not_read_from_a_plain_http_request() =>
        Assert.False(CsrfTokens.Matches(Context(cookie: $"__Host-portal-csrf={Token}").Request, Token));

    [Theory]
    [InlineData("same-origin", null, true)]
    [InlineData("same-origin", "http://127.0.0.1:5080", true)]
    [InlineData(null, "http://127.0.0.1:5080", true)]
    [InlineData("cross-site", null, false)]
    [InlineData("same-site", "http://127.0.0.1:5080", false)]
    [InlineData("none", null, false)]
    [InlineData(null, "http://evil.example", false)]
    [InlineData(null, "https://127.0.0.1:5080", false)] // another scheme is another origin
    [InlineData(null, "http://127.0.0.1:5081", false)]
    [InlineData(null, "null", false)]
    [InlineData(null, null, false)] // neither header: refused
    public void Unsafe_requests_must_come_from_this_origin(string? fetchSite, string? origin, bool expected)
    {
        var request = Context().Request;
        if (fetchSite is not null) request.Headers["Sec-Fetch-Site"] = fetchSite;
        if (origin is not null) request.Headers.Origin = origin;

        Assert.Equal(expected, CsrfTokens.IsSameOrigin(request));
    }

    [Fact]
    public void The_security_headers_forbid_inline_code_framing_and_sniffing()
    {
        var context = Context();

        SecurityHeaders.Apply(context.Response);

        var headers = context.Response.Headers;
        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("same-origin", headers["Referrer-Policy"].ToString());
    }
}
