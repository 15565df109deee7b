using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Assessment;
using Reporting.Application.Json;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting assess FILE... --registry REGISTRY.xlsx [--json]`: assesses month reports offline, per
/// licence per quarter. Exit 0 without violations, 1 with violations, 2 for usage errors or invalid files.
/// </summary>
internal static class AssessCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Month report workbooks (.xlsx).", Arity = ArgumentArity.OneOrMore };
        var registry = new Option<string>("--registry") { Description = "The registry workbook (licences, quotas, equipment, AIFC exchanges).", Required = true };
        var json = CommonOptions.Json();
        var rules = new Option<string?>("--rules") { Description = "A rules file to apply instead of the shipped one." };
        var command = new Command("assess", "Assess month reports offline: fee, quota, mandatory sale and licence checks per licence per quarter.") { files, registry, json, rules };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var registryPath = parse.GetValue(registry)!;
            CommonOptions.RequireFiles(paths.Append(registryPath).Concat(parse.GetValue(rules) is { } rulesPath ? [rulesPath] : []));

            await using var services = CliServices.Build(new Dictionary<string, string?> { ["Rules:Path"] = parse.GetValue(rules) }, verbose: false);
            var result = services.GetRequiredService<OfflineAssessmentService>().Assess(paths, registryPath);

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new { assessments = result.Assessments, invalidFiles = result.InvalidFiles, ruleVersion = result.RuleVersion }, ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var file in result.InvalidFiles)
                {
                    foreach (var issue in file.Issues.Where(i => i.Severity == "error"))
                        await console.Error.WriteLineAsync($"{file.File}: {issue.ToLine()}").ConfigureAwait(false);
                }

                foreach (var assessment in result.Assessments) await WriteTextAsync(console.Out, assessment).ConfigureAwait(false);
            }

            if (result.InvalidFiles.Count > 0)
            {
                await console.Error.WriteLineAsync($"{result.InvalidFiles.Count} file(s) are not valid; nothing was assessed. Run 'reporting validate' for every problem.").ConfigureAwait(false);
                return ReportingCommandLine.UsageError;
            }

            return result.Assessments.Any(a => a.Violations.Count > 0) ? ReportingCommandLine.Findings : ReportingCommandLine.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, AssessmentView a)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync($"{a.Licence} {a.Quarter}  (rules {a.RuleVersion})").ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(c, $"  kWh         {a.KwhTotal:#,##0.###} total: {string.Join(", ", a.KwhBySource.Where(k => k.Value != 0).Select(k => string.Create(c, $"{k.Key} {k.Value:#,##0.###}")))}")).ConfigureAwait(false);
        var fee = a.FeeKzt is { } amount ? string.Create(c, $"{amount:#,##0.00} KZT") : "not assessed (rate-unverified)";
        await output.WriteLineAsync($"  Fee         {fee}: {a.FeeBasis}").ConfigureAwait(false);
        await output.WriteLineAsync($"  Due         declaration {a.DeclarationDue ?? "none"}, payment {a.PaymentDue ?? "none"}").ConfigureAwait(false);
        await output.WriteLineAsync(a.QuotaKwh is { } quota
            ? string.Create(c, $"  Quota       {a.QuotaStatus} (quota {quota:#,##0} kWh)")
            : $"  Quota       {a.QuotaStatus}").ConfigureAwait(false);
        var sales = string.Join("; ", a.Sales.Select(s => string.Create(c, $"{s.Asset} {(s.Share is { } share ? share.ToString("P2", c) : "n/a")} (mined {s.Mined:0.########}, sold on AIFC {s.SoldAifc:0.########})")));
        await output.WriteLineAsync(a.RequiredSaleShare is { } required
            ? string.Create(c, $"  Sale        {a.SaleStatus}, required {required:P0}{(sales.Length > 0 ? ": " + sales : "")}")
            : $"  Sale        {a.SaleStatus}").ConfigureAwait(false);
        foreach (var note in a.NotConfirmedRules)
            await output.WriteLineAsync($"  Rule        {note.Reference} is {note.Status}: {note.Source}").ConfigureAwait(false);
        if (a.Violations.Count == 0)
        {
            await output.WriteLineAsync("  Violations  none").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"  Violations  {a.Violations.Count}").ConfigureAwait(false);
            foreach (var v in a.Violations) await output.WriteLineAsync($"    {v.Severity} {v.Code} {v.Period}{(v.Subject is null ? "" : " " + v.Subject)}: {v.Message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
    }
}
