using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;
using Reporting.Storage.Reports;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting report quarterly --quarter 2025-Q1 [--out FILE]`: builds the consolidated report (a new version
/// only if the quarter changed) and saves it locally; `reporting report link --quarter 2025-Q1`: a time-limited
/// read-only download URL for the committee.
/// </summary>
internal static class ReportCommands
{
    public static Command Build(CliConsole console) => new("report")
    {
        Quarterly(console),
        Link(console),
    };

    private static Option<string> QuarterOption() => new("--quarter") { Required = true };

    private static Quarter ParseQuarter(CliConsole console, string? text) =>
        Quarter.TryParse(text, out var quarter) ? quarter : throw new UsageException(console.Say(CliTexts.NotAQuarter.With(("text", text))));

    private static Command Quarterly(CliConsole console)
    {
        var quarter = QuarterOption();
        var output = new Option<string?>("--out");
        var storage = CommonOptions.Storage();
        var verbose = CommonOptions.Verbose();
        var command = new Command("quarterly") { quarter, output, storage, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var q = ParseQuarter(console, parse.GetValue(quarter));
            var path = CommonOptions.RequireWritablePath(console, parse.GetValue(output) ?? $"consolidated-{q}.xlsx");
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            // A quarter that has not begun has nothing to report: refused rather than published as an empty version.
            if (KazakhstanTime.Today(services.GetRequiredService<TimeProvider>()) < q.Start)
                throw new UsageException(console.Say(CliTexts.ReportNotBegun.With(("quarter", MessageValue.Quarter(q)))));
            var result = await services.GetRequiredService<QuarterlyReportService>().BuildAsync(q, cancellationToken).ConfigureAwait(false);
            await SaveAsync(services.GetRequiredService<ReportStore>(), result.Version, path, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(Describe(result, console)).ConfigureAwait(false);
            await console.Out.WriteLineAsync(console.Say(CliTexts.ReportSaved.With(("path", path), ("csv", Path.ChangeExtension(path, ".csv")), ("blob", "reports/" + result.Version.WorkbookBlob))))
                .ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }

    private static Command Link(CliConsole console)
    {
        var quarter = QuarterOption();
        var hours = new Option<double?>("--hours");
        var csv = new Option<bool>("--csv");
        var storage = CommonOptions.Storage();
        var command = new Command("link") { quarter, hours, csv, storage };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var q = ParseQuarter(console, parse.GetValue(quarter));
            var lifetimeOption = parse.GetValue(hours) is { } h ? TimeSpan.FromHours(h) : (TimeSpan?)null;
            if (lifetimeOption is { } given && (given < TimeSpan.FromMinutes(1) || given > TimeSpan.FromDays(7))) throw new UsageException(console[CliTexts.LinkHours]);
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), verbose: false);
            var store = services.GetRequiredService<ReportStore>();
            var current = await store.GetCurrentAsync(q, cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException(console.Say(CliTexts.ReportNone.With(("quarter", MessageValue.Quarter(q)))));
            var lifetime = lifetimeOption ?? services.GetRequiredService<IOptions<ReportsOptions>>().Value.LinkLifetime;
            var url = await store.CreateReadLinkAsync(parse.GetValue(csv) ? current.CsvBlob : current.WorkbookBlob, lifetime, cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync(url.ToString()).ConfigureAwait(false);
            var words = console.Words;
            var valid = lifetime >= TimeSpan.FromHours(1)
                ? words.Render(CliTexts.LifetimeHours.With(("hours", MessageValue.Number(Math.Round((decimal)lifetime.TotalHours, 1)))))
                : words.Render(CliTexts.LifetimeMinutes.With(("minutes", MessageValue.Number(Math.Round((decimal)lifetime.TotalMinutes, 1)))));
            await console.Error.WriteLineAsync(console.Say(CliTexts.LinkValid.With(("quarter", MessageValue.Quarter(q)), ("version", current.Number), ("lifetime", valid)))).ConfigureAwait(false);
            return ReportingCommandLine.Success;
        });
        return command;
    }

    public static async Task SaveAsync(ReportStore store, ReportVersion version, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        await CommonOptions.WriteFileAsync(path, (await store.DownloadAsync(version.WorkbookBlob, cancellationToken).ConfigureAwait(false)).ToArray(), cancellationToken).ConfigureAwait(false);
        await CommonOptions.WriteFileAsync(Path.ChangeExtension(path, ".csv"), (await store.DownloadAsync(version.CsvBlob, cancellationToken).ConfigureAwait(false)).ToArray(), cancellationToken)
            .ConfigureAwait(false);
    }

    public static string Describe(QuarterlyReportResult result, CliConsole console)
    {
        var t = result.Report.Totals;
        var line = console.Say(CliTexts.ReportDescribe.With(("quarter", MessageValue.Quarter(result.Report.Quarter)), ("version", result.Version.Number),
            ("state", console[result.Created ? CliTexts.ReportNew : CliTexts.ReportUnchanged]), ("licences", t.Licences), ("kwh", MessageValue.Kwh(t.KwhTotal)),
            ("fee", MessageValue.Money(t.FeeKzt)), ("violations", t.Violations), ("missing", result.Report.Missing.Count), ("late", t.LateReports)));
        return t.RateUnverified > 0 ? line + " " + console.Say(CliTexts.ReportRateUnverified.With(("count", t.RateUnverified))) : line;
    }
}
