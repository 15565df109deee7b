using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Storage.Reports;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting report quarterly --quarter 2025-Q1 [--out FILE]`: builds the consolidated report (a new version
/// only if the quarter changed) and saves it locally; `reporting report link --quarter 2025-Q1`: a time-limited
/// read-only download URL for the committee.
/// </summary>
internal static class ReportCommands
{
    public static Command Build(CliConsole console) => new("report", "Consolidated quarterly reports for the State Revenue Committee.")
    {
        Quarterly(console),
        Link(console),
    };

    private static Option<string> QuarterOption() => new("--quarter") { Description = "The quarter, e.g. 2025-Q1.", Required = true };

    private static Quarter ParseQuarter(string? text) =>
        Quarter.TryParse(text, out var quarter) ? quarter : throw new UsageException($"'{text}' is not a quarter; write it as 2025-Q1.");

    private static Command Quarterly(CliConsole console)
    {
        var quarter = QuarterOption();
        var output = new Option<string?>("--out") { Description = "Where to save the workbook (default: consolidated-QUARTER.xlsx); the CSV is saved next to it." };
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var command = new Command("quarterly", "Build (or fetch the current) consolidated report of a quarter and save it.") { quarter, output, storage, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var q = ParseQuarter(parse.GetValue(quarter));
            var connection = CommonOptions.RequireStorage(parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(connection), parse.GetValue(verbose));
            var result = await services.GetRequiredService<QuarterlyReportService>().BuildAsync(q, cancellationToken).ConfigureAwait(false);
            var path = parse.GetValue(output) ?? $"consolidated-{q}.xlsx";
            await SaveAsync(services.GetRequiredService<ReportStore>(), result.Version, path, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(Describe(result)).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Saved {path} and {Path.ChangeExtension(path, ".csv")} (blob reports/{result.Version.WorkbookBlob}).").ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }

    private static Command Link(CliConsole console)
    {
        var quarter = QuarterOption();
        var hours = new Option<double?>("--hours") { Description = "How long the link stays valid (default Reports:LinkLifetime, 24 h)." };
        var csv = new Option<bool>("--csv") { Description = "Link to the CSV instead of the workbook." };
        var storage = CommonOptions.Storage();
        var command = new Command("link", "Print a time-limited read-only download URL for the current report of a quarter.") { quarter, hours, csv, storage };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var q = ParseQuarter(parse.GetValue(quarter));
            var connection = CommonOptions.RequireStorage(parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(connection), verbose: false);
            var store = services.GetRequiredService<ReportStore>();
            var current = await store.GetCurrentAsync(q, cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException($"There is no report for {q} yet; build it with 'reporting report quarterly --quarter {q}'.");
            var lifetime = parse.GetValue(hours) is { } h ? TimeSpan.FromHours(h) : services.GetRequiredService<IOptions<ReportsOptions>>().Value.LinkLifetime;
            if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(7)) throw new UsageException("--hours must be more than 0 and at most 168.");
            var url = await store.CreateReadLinkAsync(parse.GetValue(csv) ? current.CsvBlob : current.WorkbookBlob, lifetime, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(url.ToString()).ConfigureAwait(false);
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{q} version {current.Number}, valid for {lifetime.TotalHours:0.#} h (read only).")).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }

    public static async Task SaveAsync(ReportStore store, ReportVersion version, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(path, (await store.DownloadAsync(version.WorkbookBlob, cancellationToken).ConfigureAwait(false)).ToArray(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.ChangeExtension(path, ".csv"), (await store.DownloadAsync(version.CsvBlob, cancellationToken).ConfigureAwait(false)).ToArray(), cancellationToken).ConfigureAwait(false);
    }

    public static string Describe(QuarterlyReportResult result)
    {
        var t = result.Report.Totals;
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Report.Quarter}: version {result.Version.Number} ({(result.Created ? "new" : "unchanged")}), {t.Licences} licences, {t.KwhTotal:#,##0} kWh, fee {t.FeeKzt:#,##0.00} KZT" +
            $"{(t.RateUnverified > 0 ? $" (+{t.RateUnverified} rate-unverified)" : "")}, {t.Violations} violations, {result.Report.Missing.Count} missing and {t.LateReports} late reports");
    }
}
