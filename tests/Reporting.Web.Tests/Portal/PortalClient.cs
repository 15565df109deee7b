using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Reporting.Web.Tests.Portal;

/// <summary>A browser-like HTTP client of the portal: keeps cookies, sends the Origin a form post has, follows no redirects.</summary>
public sealed partial class PortalClient(Uri baseUrl) : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private HttpClient? _http;

    public HttpClient Http => _http ??= new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };

    public string Origin => baseUrl.GetLeftPart(UriPartial.Authority);

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    /// <summary>The page's form token (the hidden field every form carries).</summary>
    public static string Token(string html) => TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No form token on the page.");

    public async Task SignInAsync(string user)
    {
        var page = await (await GetAsync("/signin")).Content.ReadAsStringAsync();
        using var response = await PostFormAsync("/signin", new Dictionary<string, string> { ["csrf"] = Token(page), ["user"] = user });
        if (response.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"Sign-in as {user} answered {response.StatusCode}.");
    }

    /// <summary>Signs in, opens a page and returns its form token.</summary>
    public async Task<string> SignInAndOpenAsync(string user, string path)
    {
        await SignInAsync(user);
        using var page = await GetAsync(path);
        return Token(await page.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", origin ?? Origin);
        return Http.SendAsync(request);
    }

    /// <summary>The upload form as a browser sends it: the token field first, then the file.</summary>
    public Task<HttpResponseMessage> UploadAsync(string licence, byte[] content, string fileName, string token)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "csrf" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", fileName);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/licences/{licence}/uploads") { Content = form };
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        return Http.SendAsync(request);
    }

    public void Dispose() => _http?.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex TokenField();
}
