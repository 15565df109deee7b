using System.Text;
using Reporting.Web.Identity;

namespace Reporting.Web.Tests.Security;

/// <summary>The Easy Auth principal header: what names the user, and every malformed header read as nobody.</summary>
public sealed class ClientPrincipalTests
{
    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Entra_id_principal_names_the_user_by_preferred_username_in_lower_case()
    {
        // The shape App Service sends for Microsoft Entra ID (claims as typ/val pairs).
        var header = Base64("""
            {"auth_typ":"aad","claims":[
              {"typ":"name","val":"Aigerim Sadykova"},
              {"typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress","val":"a.sadykova@mail.kz"},
              {"typ":"preferred_username","val":"Aigerim.Sadykova@Ustirt-Mining.KZ"}],
             "name_typ":"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
             "role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}
            """);

        var principal = ClientPrincipal.Parse(header);

        Assert.NotNull(principal);
        Assert.Equal("aad", principal.AuthenticationType);
        Assert.Equal(3, principal.Claims.Count);
        Assert.Equal("aigerim.sadykova@ustirt-mining.kz", principal.UserName);
    }

    [Theory]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"email","val":" Miner@Example.KZ "}]}""", "miner@example.kz")]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"upn","val":"UPN@corp.kz"},{"typ":"name","val":"Someone"}]}""", "upn@corp.kz")]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"custom_name","val":"Custom@Kz"}],"name_typ":"custom_name"}""", "custom@kz")]
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Only Name"}]}""", "only name")]
    public void The_name_falls_back_from_preferred_username_to_email_upn_the_name_claim_type_then_name(string json, string expected) =>
        Assert.Equal(expected, ClientPrincipal.Parse(Base64(json))?.UserName);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("eyJhdXRoX3R5cCI6")] // base64 of a cut JSON text
    public void A_missing_or_undecodable_header_is_nobody(string? header) => Assert.Null(ClientPrincipal.Parse(header));

    [Theory]
    [InlineData("[]")]
    [InlineData("\"aad\"")]
    [InlineData("""{"claims":[{"typ":"email","val":"a@b.kz"}]}""")] // no auth_typ
    [InlineData("""{"auth_typ":"","claims":[{"typ":"email","val":"a@b.kz"}]}""")]
    [InlineData("""{"auth_typ":"aad"}""")] // no claims
    [InlineData("""{"auth_typ":"aad","claims":{"typ":"email","val":"a@b.kz"}}""")] // claims not an array
    [InlineData("""{"auth_typ":"aad","claims":["a@b.kz"]}""")] // a claim not an object
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"email","val":""}]}""")] // nobody named
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"email","val":5}]}""")] // a value not a string
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"roles","val":"miner"}]}""")] // claims that name nobody
    [InlineData("""{"auth_typ":"aad","claims":[{"typ":"email","val":"a@b.kz"}]""")] // cut JSON
    public void A_header_that_is_not_a_principal_of_that_shape_is_nobody(string json) => Assert.Null(ClientPrincipal.Parse(Base64(json)));

    [Fact]
    public void A_header_longer_than_any_real_principal_is_not_parsed()
    {
        var json = """{"auth_typ":"aad","claims":[{"typ":"email","val":"a@b.kz"},{"typ":"pad","val":"PAD"}]}""".Replace("PAD", new string('x', ClientPrincipal.MaxHeaderLength), StringComparison.Ordinal);

        Assert.Null(ClientPrincipal.Parse(Base64(json)));
    }

    [Fact]
    public void Deeply_nested_json_is_refused_without_throwing() =>
        Assert.Null(ClientPrincipal.Parse(Base64("{\"auth_typ\":\"aad\",\"claims\":[" + new string('[', 100) + new string(']', 100) + "]}")));

    [Fact]
    public void Encode_builds_what_parse_reads()
    {
        var header = ClientPrincipal.Encode("aad", [("preferred_username", "Miner@Kz")]);

        Assert.Equal("miner@kz", ClientPrincipal.Parse(header)?.UserName);
    }
}
