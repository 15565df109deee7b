using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Reporting.Benchmarks.Harness;

/// <summary>
/// One person in a browser, as far as the portal can tell: its own cookies (the development sign-in, the form token),
/// the Origin a form post carries, the upload form as a browser sends it (token first, then the file).
/// </summary>
internal sealed partial class PortalVisitor(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromMinutes(5),
    };

    private string Origin => baseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Signs in as <paramref name="user"/> and opens <paramref name="page"/>; returns the page's form token.</summary>
    public async Task<string> SignInAndOpenAsync(string user, string page)
    {
        var signIn = await GetPageAsync("/signin").ConfigureAwait(false);
        using var form = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = Token(signIn), ["user"] = user }),
        };
        form.Headers.TryAddWithoutValidation("Origin", Origin);
        using var answer = await _http.SendAsync(form).ConfigureAwait(false);
        if (answer.StatusCode != HttpStatusCode.SeeOther) throw new InvalidOperationException($"Sign-in as {user} answered {answer.StatusCode}.");
        return Token(await GetPageAsync(page).ConfigureAwait(false));
    }

    /// <summary>Uploads a workbook; returns the status and the submission page (the check of the file).</summary>
    public async Task<(HttpStatusCode Status, string Page)> UploadAsync(string licence, byte[] content, string fileName, string token)
    {
        using var form = new MultipartFormDataContent { { new StringContent(token), "csrf" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/licences/{licence}/uploads") { Content = form };
        request.Headers.TryAddWithoutValidation("Origin", Origin);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await _http.GetAsync(path).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    /// <summary>The upload id in a submission page's own address.</summary>
    public static string? UploadId(string page) => SelfUrl().Match(page) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>How many issues the submission page lists (one table row per issue).</summary>
    public static int IssueRows(string page) => IssueRow().Count(page);

    public void Dispose() => _http.Dispose();

    private static string Token(string html) =>
        TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No form token on the page.");

    [GeneratedRegex("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("data-self-url=\"/licences/[^/\"]+/uploads/([0-9a-f]+)\"")]
    private static partial Regex SelfUrl();

    [GeneratedRegex("<tr class=\"[a-z]+\" data-code=")]
    private static partial Regex IssueRow();
}
