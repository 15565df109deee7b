using Microsoft.Playwright;

namespace Reporting.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), driven by Playwright: no browser is downloaded. scripts/test.sh installs the
/// package when it is missing, so these tests never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where each page's screenshot is saved (the test output's screenshots/ folder).</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh (it runs 'apt-get install -y chromium').");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh browser profile (its own cookies) with a laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            AcceptDownloads = true,
            Locale = "ru-KZ",
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A screenshot as test output (never an assertion). The submission page reloads itself once processing has recorded
    /// the outcome; a screenshot taken across that reload can wait for a page that is gone, so it waits for the page to
    /// have loaded and tries again, a few times, if the page was replaced meanwhile.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"portal-{name}.png"), FullPage = true, Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
