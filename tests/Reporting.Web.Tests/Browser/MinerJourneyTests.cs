using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Reports;
using Reporting.Excel.Templates;
using Reporting.Samples;
using Reporting.Storage.Ledger;
using Reporting.TestSupport;
using Reporting.Web.Tests.Portal;
using static Microsoft.Playwright.Assertions;

namespace Reporting.Web.Tests.Browser;

/// <summary>
/// Miners in a real browser against the portal as `reporting serve` runs it: sign in, download a template, upload a file with
/// mistakes, see the problem cells, upload the corrected file, see it accepted and the fee; a miner who tries another
/// licence is refused and nothing is written. A screenshot of every page is saved (test output, screenshots/).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class MinerJourneyTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly LocatorAssertionsToContainTextOptions Patient = new() { Timeout = 20_000 };

    [Fact]
    public async Task A_miner_corrects_a_rejected_report_and_sees_it_accepted_with_the_fee()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var files = new TempDirectory();
        var page = await browser.NewPageAsync(portal.Server.BaseUrl);

        // Signed out: the portal says so and offers the sign-in.
        var signedOut = await page.GotoAsync("/");
        Assert.Equal(401, signedOut!.Status);
        await BrowserFixture.ScreenshotAsync(page, "signed-out");
        await page.GetByRole(AriaRole.Link, new() { Name = "Войти" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(page, "sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Войти как {PortalHarness.MinerUser}" }).ClickAsync();

        // Their licences: exactly one.
        await Expect(page.Locator("h1")).ToHaveTextAsync("Лицензии");
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = portal.Licence }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Лицензия {portal.Licence}");

        // The blank template, in the page's language.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Отчет о потреблении электрической энергии (.xlsx)" }).ClickAsync());
        Assert.Equal($"{portal.Licence}-consumption-ru.xlsx", download.SuggestedFilename);
        var template = files.File("template.xlsx");
        await download.SaveAsAsync(template);
        Assert.Equal(Parts(TemplateWriter.ToBytes(ReportKind.Consumption, Language.Ru)), Parts(await File.ReadAllBytesAsync(template)));

        // A file with four mistakes: every problem cell at once, before processing has run.
        var broken = SampleFiles.Broken().All.Single(s => s.FileName == "several-problems.xlsx");
        var wrong = files.File("март-потребление.xlsx");
        await File.WriteAllBytesAsync(wrong, broken.Build());
        await page.SetInputFilesAsync("#file", wrong);
        await BrowserFixture.ScreenshotAsync(page, "licence");
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить и проверить" }).ClickAsync();
        await Expect(page.Locator("#check-result")).ToContainTextAsync("файл отклонен");
        // (Locator assertions retry: the page may reload itself meanwhile, once processing on receipt has finished.)
        await Expect(page.Locator("table.issues tbody tr")).ToHaveCountAsync(broken.Expected.Count);
        foreach (var expected in broken.Expected)
            await Expect(page.Locator($"table.issues tr[data-code='{expected.Code}'][data-cell='{expected.Cell}']")).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex($"/licences/{portal.Licence}/uploads/[0-9a-f]{{32}}$")); // a reload is a GET, never the post again
        await BrowserFixture.ScreenshotAsync(page, "check");

        // Processing, as Event Grid's trigger starts it; the page sees the outcome by itself.
        await portal.ProcessAsync(await SingleNewUploadAsync(portal, []));
        await Expect(page.Locator("#outcome-status")).ToContainTextAsync("отклонен", Patient);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Скачать книгу с отмеченными ячейками (.xlsx)" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "submission-rejected");

        // The corrected file.
        var before = await UploadNamesAsync(portal);
        await page.GetByRole(AriaRole.Link, new() { Name = $"К лицензии {portal.Licence}" }).ClickAsync();
        var corrected = files.File("март-потребление-исправлено.xlsx");
        var consumption = SampleFiles.SampleConsumption();
        await File.WriteAllBytesAsync(corrected, MonthReportWriter.ToBytes(consumption));
        await page.SetInputFilesAsync("#file", corrected);
        await page.GetByRole(AriaRole.Button, new() { Name = "Загрузить и проверить" }).ClickAsync();
        await Expect(page.Locator("#check-result")).ToHaveTextAsync("Ошибок в файле не найдено.");
        await portal.ProcessAsync(await SingleNewUploadAsync(portal, before));
        await Expect(page.Locator("#outcome-status")).ToContainTextAsync("принят", Patient);
        await Expect(page.Locator("main")).ToContainTextAsync("Этот отчет учитывается за март 2025\u00A0г.");
        await BrowserFixture.ScreenshotAsync(page, "submission-accepted");

        // The history: two uploads, the corrected one counts.
        await page.GetByRole(AriaRole.Link, new() { Name = $"К лицензии {portal.Licence}" }).ClickAsync();
        await Expect(page.Locator("table.history tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.history tbody tr.current")).ToHaveCountAsync(1);
        await Expect(page.Locator("table.history tbody tr.current .status")).ToContainTextAsync("принят");
        await BrowserFixture.ScreenshotAsync(page, "history");

        // The quarter: the fee worked out here from the report's rows and the 2025 rates (2 ₸/kWh; 1 for renewable and off-grid).
        await page.GetByRole(AriaRole.Link, new() { Name = "I квартал 2025\u00A0г." }).ClickAsync();
        var rates = new Dictionary<EnergySource, decimal>
        {
            [EnergySource.Grid] = 2, [EnergySource.Import] = 2, [EnergySource.Renewable] = 1, [EnergySource.OwnGeneration] = 2, [EnergySource.OffGrid] = 1,
        };
        var fee = consumption.Rows.Sum(r => r.Kwh * rates[r.Source]);
        var russian = new NumberFormatInfo { NumberGroupSeparator = "\u00A0", NumberDecimalSeparator = "," };
        await Expect(page.Locator("#fee-amount")).ToHaveTextAsync($"К уплате: {fee.ToString("#,##0.00", russian)} ₸");
        await Expect(page.Locator("#kwh-total")).ToHaveTextAsync(consumption.Rows.Sum(r => r.Kwh).ToString("#,##0.###", russian));
        // Only a consumption report was filed: the sales month is "none" in words.
        await Expect(page.GetByText("реализация — нет.", new() { Exact = false })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "assessment");

        // The same page in Kazakh, remembered for the next page.
        await page.GetByRole(AriaRole.Link, new() { Name = "Қазақша" }).ClickAsync();
        await Expect(page.Locator("#fee-amount")).ToHaveTextAsync($"Төлеуге: {fee.ToString("#,##0.00", russian)} ₸");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Лицензияға оралу: {portal.Licence}" }).ClickAsync();
        await Expect(page.Locator("h2#history")).ToHaveTextAsync("Жүктелген есептер");
        await BrowserFixture.ScreenshotAsync(page, "licence-kk");
    }

    [Fact]
    public async Task A_miner_who_tries_another_licence_is_refused_and_nothing_is_written()
    {
        await using var portal = await PortalHarness.StartAsync(azurite);
        using var files = new TempDirectory();
        var page = await browser.NewPageAsync(portal.Server.BaseUrl);
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Войти как {PortalHarness.OtherMinerUser}" }).ClickAsync();
        var before = await StorageSnapshot.TakeAsync(portal.Pipeline.Clients);

        // Another licence's pages, by typing their addresses.
        foreach (var path in new[] { $"/licences/{portal.Licence}", $"/licences/{portal.Licence}/templates/consumption", $"/licences/{portal.Licence}/quarters/2025-Q1" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync("Страница не найдена");
        }

        await BrowserFixture.ScreenshotAsync(page, "not-found");

        // Their own upload form, pointed at the other licence.
        await page.GotoAsync($"/licences/{portal.OtherLicence}");
        await page.Locator("form.upload").EvaluateAsync($"form => form.action = '/licences/{portal.Licence}/uploads'");
        var file = files.File("чужой.xlsx");
        await File.WriteAllBytesAsync(file, MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));
        await page.SetInputFilesAsync("#file", file);
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Загрузить и проверить" }).ClickAsync(),
            response => response.Request.Method == "POST");
        Assert.Equal(404, refused.Status);
        Assert.EndsWith($"/licences/{portal.Licence}/uploads", refused.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Страница не найдена");

        Assert.Equal(before, await StorageSnapshot.TakeAsync(portal.Pipeline.Clients));
        Assert.Empty(await UploadNamesAsync(portal));
        Assert.Empty(await portal.Pipeline.Get<SubmissionLedger>().ListSubmissionsAsync(portal.Licence, CancellationToken.None));
    }

    /// <summary>A workbook's sheets, texts and styles (xl/ parts) and their bytes; package metadata is named at random each time.</summary>
    private static IReadOnlyList<string> Parts(byte[] workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        return [.. zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)).Select(e =>
        {
            using var content = new MemoryStream();
            using (var stream = e.Open()) stream.CopyTo(content);
            return $"{e.FullName}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content.ToArray()))}";
        }).Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> UploadNamesAsync(PortalHarness portal)
    {
        var names = new List<string>();
        await foreach (var blob in portal.Pipeline.Clients.Uploads.GetBlobsAsync()) names.Add(blob.Name);
        return names;
    }

    private static async Task<string> SingleNewUploadAsync(PortalHarness portal, IReadOnlyList<string> before) =>
        Assert.Single((await UploadNamesAsync(portal)).Except(before));
}
