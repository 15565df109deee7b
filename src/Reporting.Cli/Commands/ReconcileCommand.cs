using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Reconciliation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting reconcile --month 2025-03 [--storage ...] [--json]`: sweeps the uploads, then reconciles the month
/// against the external sources configured in ExternalSources:* (environment ExternalSources__...). Exit 1 when a
/// source was unavailable (the run is incomplete), 0 otherwise; findings are results, not failures.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Build(CliConsole console)
    {
        var month = new Option<string>("--month") { Description = "The month, e.g. 2025-03.", Required = true };
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("reconcile", "Find missing and late reports and differences against the market operator, AIFC exchanges and pools.") { month, storage, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Month.TryParse(parse.GetValue(month), out var m)) throw new UsageException($"'{parse.GetValue(month)}' is not a month; write it as 2025-03.");
            var connection = CommonOptions.RequireStorage(parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(connection), parse.GetValue(verbose));
            var result = await services.GetRequiredService<ReconciliationService>().ReconcileAsync(m, sweep: true, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json)) await console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), ReportingJson.Options)).ConfigureAwait(false);
            else await WriteTextAsync(console.Out, result).ConfigureAwait(false);
            return result.Complete ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return command;
    }

    public static object ToJson(ReconciliationResult result) => new
    {
        month = result.Month.ToString(),
        findings = result.Findings.Select(f => new
        {
            code = f.Code,
            licence = f.Licence,
            month = f.Month.ToString(),
            kind = f.Kind == FindingKind.Consumption ? "consumption" : "sales",
            subject = f.Subject,
            message = f.Message,
            figures = f.Figures.ToDictionary(x => x.Name, x => x.Value),
            source = ReconciliationService.SourceName(f.Source),
        }),
        sources = result.Sources.ToDictionary(s => s.Key, s => new { state = s.Value.State, detail = s.Value.Detail }),
        added = result.Added,
        resolved = result.Removed,
    };

    private static async Task WriteTextAsync(TextWriter output, ReconciliationResult result)
    {
        foreach (var f in result.Findings)
            await output.WriteLineAsync($"{f.Month} {f.Licence} {f.Code}{(f.Subject is null ? "" : " " + f.Subject)}: {f.Message}").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{result.Month}: {result.Findings.Count} findings ({result.Added} new, {result.Removed} resolved); sources: {string.Join(", ", result.Sources.Select(s => $"{s.Key} {s.Value.State}"))}")).ConfigureAwait(false);
        foreach (var (name, status) in result.Sources.Where(s => s.Value.Detail is not null))
            await output.WriteLineAsync($"  {name}: {status.State}: {status.Detail}").ConfigureAwait(false);
    }
}
