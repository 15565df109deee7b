using System.Net;
using Microsoft.AspNetCore.Http;
using Reporting.Web.Identity;

namespace Reporting.Web.Tests.Security;

/// <summary>The development sign-in's cookie: signed with this process's key, honoured from loopback only.</summary>
public sealed class DevelopmentSignInTests
{
    private static DefaultHttpContext Request(string? cookie, IPAddress? remote)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote;
        if (cookie is not null) context.Request.Headers.Cookie = $"{DevelopmentSignIn.CookieName}={cookie}";
        return context;
    }

    [Fact]
    public void A_signed_cookie_names_its_user_from_loopback()
    {
        var signIn = new DevelopmentSignIn();
        var cookie = signIn.Sign("Miner@Alpha.KZ");

        Assert.Equal("miner@alpha.kz", signIn.UserName(Request(cookie, IPAddress.Loopback)));
        Assert.Equal("miner@alpha.kz", signIn.UserName(Request(cookie, IPAddress.IPv6Loopback)));
    }

    [Fact]
    public void The_same_cookie_from_another_address_names_nobody()
    {
        var signIn = new DevelopmentSignIn();

        Assert.Null(signIn.UserName(Request(signIn.Sign("miner@alpha.kz"), IPAddress.Parse("192.0.2.10"))));
        Assert.Null(signIn.UserName(Request(signIn.Sign("miner@alpha.kz"), null)));
    }

    [Fact]
    public void A_cookie_signed_by_another_process_or_altered_names_nobody()
    {
        var signIn = new DevelopmentSignIn();
        var other = new DevelopmentSignIn().Sign("analyst@kgd.gov.kz");
        var own = signIn.Sign("miner@alpha.kz");
        var swapped = own.Split('.')[0] == other.Split('.')[0] ? "" : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("analyst@kgd.gov.kz"u8.ToArray()) + "." + own.Split('.')[1];

        Assert.Null(signIn.Verify(other));
        Assert.Null(signIn.Verify(swapped));
        Assert.Null(signIn.Verify("no-dot"));
        Assert.Null(signIn.Verify("!!!.???"));
        Assert.Null(signIn.Verify(""));
        Assert.Null(signIn.UserName(Request(null, IPAddress.Loopback)));
    }
}
