using System.Text;
using System.Text.Json;

namespace Reporting.Web.Identity;

/// <summary>
/// The principal App Service Authentication (Easy Auth) passes to the app in the X-MS-CLIENT-PRINCIPAL header: base64 of
/// JSON {"auth_typ", "claims": [{"typ", "val"}], "name_typ", "role_typ"}. The platform strips this header from client
/// requests and sets it after sign-in, so it is trusted only where Easy Auth is on (<see cref="EasyAuthSignIn"/>).
/// </summary>
public sealed record ClientPrincipal(string AuthenticationType, IReadOnlyList<KeyValuePair<string, string>> Claims, string? NameClaimType, string? RoleClaimType)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Bigger than any real principal (a few KiB even with many groups); a bigger header is not parsed.</summary>
    public const int MaxHeaderLength = 64 * 1024;

    /// <summary>The claims that name the user, most specific first (Entra ID's user principal name, then e-mail).</summary>
    private static readonly string[] NameClaims =
    [
        "preferred_username",
        "email",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    /// <summary>
    /// The sign-in name the registry's Users sheet lists: preferred_username, else an e-mail claim, else the claim the
    /// principal names as its name claim, else "name"; trimmed and lower-cased. Null when none has a value.
    /// </summary>
    public string? UserName
    {
        get
        {
            var candidates = NameClaims.Append(NameClaimType).Append("name").OfType<string>();
            foreach (var type in candidates)
            {
                var value = Claims.FirstOrDefault(c => string.Equals(c.Key, type, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(c.Value)).Value;
                if (value is not null) return value.Trim().ToLowerInvariant();
            }

            return null;
        }
    }

    /// <summary>The header's principal, or null when it is absent, too long, not base64, not JSON of that shape, or names nobody.</summary>
    public static ClientPrincipal? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength) return null;
        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var length)) return null;
        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var authType = Text(root, "auth_typ");
            if (string.IsNullOrWhiteSpace(authType) || !root.TryGetProperty("claims", out var claimsElement) || claimsElement.ValueKind != JsonValueKind.Array) return null;
            var claims = new List<KeyValuePair<string, string>>();
            foreach (var claim in claimsElement.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object) return null;
                if (Text(claim, "typ") is { } type && Text(claim, "val") is { } value) claims.Add(KeyValuePair.Create(type, value));
            }

            var principal = new ClientPrincipal(authType, claims, Text(root, "name_typ"), Text(root, "role_typ"));
            return principal.UserName is null ? null : principal;
        }
        catch (JsonException)
        {
            return null; // not JSON: a forged or damaged header, treated as no principal
        }
    }

    /// <summary>The header value for a principal (tests and local tools build what the platform would send).</summary>
    public static string Encode(string authType, IEnumerable<(string Type, string Value)> claims, string? nameType = null, string? roleType = null)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["auth_typ"] = authType,
            ["claims"] = claims.Select(c => new Dictionary<string, string> { ["typ"] = c.Type, ["val"] = c.Value }).ToArray(),
            ["name_typ"] = nameType,
            ["role_typ"] = roleType,
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
