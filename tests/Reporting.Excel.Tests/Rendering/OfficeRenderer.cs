using System.Diagnostics;

namespace Reporting.Excel.Tests.Rendering;

/// <summary>
/// LibreOffice (soffice, headless) and poppler (pdfinfo, pdftotext, pdftoppm) from Debian's packages, which
/// scripts/install-tools.sh installs where apt is available: a workbook printed to PDF as Calc prints it, and pages
/// of the PDF as text or PNG.
/// </summary>
internal static class OfficeRenderer
{
    private static readonly string[] Tools = ["soffice", "pdfinfo", "pdftotext", "pdftoppm"];

    /// <summary>Why rendering cannot run here (a tool missing), or null when it can.</summary>
    public static string? Unavailable { get; } = Tools.FirstOrDefault(t => Which(t) is null) is { } missing
        ? $"{missing} is not installed (scripts/install-tools.sh installs libreoffice-calc-nogui and poppler-utils with apt)"
        : null;

    /// <summary>Prints the workbook to a PDF beside it, with a profile of its own (no user settings, no clash with a running office).</summary>
    public static async Task<string> ToPdfAsync(string workbook)
    {
        // Never skipped: the test command installs the tools, and a machine without them fails here saying which is missing.
        Assert.True(Unavailable is null, Unavailable);
        var folder = Path.GetDirectoryName(workbook)!;
        var profile = new Uri(Path.Combine(folder, "lo-profile")).AbsoluteUri;
        await RunAsync("soffice", $"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, workbook);
        var pdf = Path.ChangeExtension(workbook, ".pdf");
        Assert.True(File.Exists(pdf), $"soffice wrote no {pdf}");
        return pdf;
    }

    /// <summary>Each page's size in points, from pdfinfo.</summary>
    public static async Task<IReadOnlyList<(double Width, double Height)>> PageSizesAsync(string pdf)
    {
        var info = await RunAsync("pdfinfo", pdf);
        var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var sizes = await RunAsync("pdfinfo", "-f", "1", "-l", pages.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf);
        return sizes.Split('\n').Where(l => l.StartsWith("Page", StringComparison.Ordinal) && l.Contains(" size:", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("size:", StringComparison.Ordinal) + 5)..].Trim().Split(' '))
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
    }

    /// <summary>One page's text, laid out as printed.</summary>
    public static Task<string> PageTextAsync(string pdf, int page) =>
        RunAsync("pdftotext", "-layout", "-f", Page(page), "-l", Page(page), pdf, "-");

    /// <summary>One page as a PNG at the given resolution; returns its path.</summary>
    public static async Task<string> PagePngAsync(string pdf, int page, string pngWithoutExtension, int dpi = 110)
    {
        await RunAsync("pdftoppm", "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", Page(page), "-l", Page(page), "-singlefile", pdf, pngWithoutExtension);
        return pngWithoutExtension + ".png";
    }

    private static string Page(int page) => page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await stderr}");
        return await stdout;
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
}

/// <summary>A test that renders with LibreOffice (which scripts/install-tools.sh installs; it fails, never skips, without it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RenderFactAttribute : FactAttribute;
