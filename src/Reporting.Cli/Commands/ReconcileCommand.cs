using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Json;
using Reporting.Application.Reconciliation;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;

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
            if (!Month.TryParse(parse.GetValue(month), out var m)) throw new UsageException(console.Say(CliTexts.NotAMonth.With(("text", parse.GetValue(month)))));
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var result = await services.GetRequiredService<ReconciliationService>().ReconcileAsync(m, sweep: true, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json)) await console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result, console.Words), ReportingJson.Options)).ConfigureAwait(false);
            else await WriteTextAsync(console, result).ConfigureAwait(false);
            return result.Complete ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return command;
    }

    public static object ToJson(ReconciliationResult result, Words words) => new
    {
        month = result.Month.ToString(),
        findings = result.Findings.Select(f => new
        {
            code = f.Code,
            licence = f.Licence,
            month = f.Month.ToString(),
            kind = f.Kind.Code(),
            subject = f.Subject,
            message = words.Render(f.Message),
            figures = f.Figures.ToDictionary(x => x.Name, x => x.Value),
            source = f.Source.Code(),
        }),
        sources = result.Sources.ToDictionary(s => s.Key.Code(), s => new { state = s.Value.State.Code(), detail = s.Value.Detail is null ? null : words.Render(s.Value.Detail) }),
        added = result.Added,
        resolved = result.Removed,
    };

    private static async Task WriteTextAsync(CliConsole console, ReconciliationResult result)
    {
        foreach (var f in result.Findings)
        {
            await console.Out.WriteLineAsync(console.Say(CliTexts.ReconcileFinding.With(("month", f.Month.ToString()), ("licence", f.Licence), ("code", f.Code),
                ("subject", f.Subject ?? ""), ("message", console.Say(f.Message))))).ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync(console.Say(CliTexts.ReconcileSummary.With(("month", MessageValue.Month(result.Month)), ("findings", result.Findings.Count),
            ("added", result.Added), ("resolved", result.Removed), ("sources", MessageValue.List(result.Sources.Select(s => MessageValue.Nested(CliTexts.ReconcileSourceState.With(("source", Terms.Term(s.Key)), ("state", Terms.Term(s.Value.State))))))))))
            .ConfigureAwait(false);
        foreach (var (source, status) in result.Sources.Where(s => s.Value.Detail is not null))
        {
            await console.Out.WriteLineAsync(console.Say(CliTexts.ReconcileSource.With(("source", Terms.Term(source)), ("state", Terms.Term(status.State)),
                ("detail", MessageValue.Nested(status.Detail!))))).ConfigureAwait(false);
        }
    }
}
