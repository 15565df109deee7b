using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Reporting.Web.Identity;

namespace Reporting.Web.Tests.Security;

/// <summary>The principal header is trusted only while App Service says its authentication is on.</summary>
public sealed class EasyAuthSignInTests
{
    private static HttpContext WithPrincipal(string user)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[ClientPrincipal.HeaderName] = ClientPrincipal.Encode("aad", [("preferred_username", user)]);
        return context;
    }

    private static EasyAuthSignIn SignIn(string? enabled) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EasyAuthSignIn.EnabledSetting] = enabled }).Build());

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    public void With_authentication_on_the_header_names_the_user(string enabled) =>
        Assert.Equal("miner@alpha.kz", SignIn(enabled).UserName(WithPrincipal("Miner@Alpha.kz")));

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    public void With_authentication_off_a_header_anyone_could_send_names_nobody(string? enabled) =>
        Assert.Null(SignIn(enabled).UserName(WithPrincipal("miner@alpha.kz")));

    [Fact]
    public void It_is_not_the_development_sign_in_and_signs_in_through_entra_id()
    {
        var signIn = SignIn("True");

        Assert.False(signIn.IsDevelopment);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/", signIn.SignInUrl);
        Assert.Null(signIn.UserName(new DefaultHttpContext()));
    }
}
