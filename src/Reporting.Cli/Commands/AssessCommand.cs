using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Assessment;
using Reporting.Application.Json;
using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting assess FILE... --registry REGISTRY.xlsx [--json]`: assesses month reports offline, per
/// licence per quarter. Exit 0 without violations, 1 with violations, 2 for usage errors or invalid files.
/// </summary>
internal static class AssessCommand
{
    public static Command Build(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Arity = ArgumentArity.OneOrMore };
        var registry = new Option<string>("--registry") { Required = true };
        var json = CommonOptions.Json();
        var rules = new Option<string?>("--rules");
        var command = new Command("assess") { files, registry, json, rules };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(files) ?? [];
            var registryPath = parse.GetValue(registry)!;
            CommonOptions.RequireFiles(console, paths.Append(registryPath).Concat(parse.GetValue(rules) is { } rulesPath ? [rulesPath] : []));

            await using var services = CliServices.Build(new Dictionary<string, string?> { ["Rules:Path"] = parse.GetValue(rules) }, verbose: false, validateOnStart: false);
            var result = services.GetRequiredService<OfflineAssessmentService>().Assess(paths, registryPath, console.Language);

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

                foreach (var assessment in result.Assessments) await WriteTextAsync(console, assessment).ConfigureAwait(false);
            }

            if (result.InvalidFiles.Count > 0)
            {
                await console.Error.WriteLineAsync(console.Say(CliTexts.AssessInvalidFiles.With(("count", result.InvalidFiles.Count)))).ConfigureAwait(false);
                return ReportingCommandLine.UsageError;
            }

            return result.Assessments.Any(a => a.Violations.Count > 0) ? ReportingCommandLine.Findings : ReportingCommandLine.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(CliConsole console, AssessmentView a)
    {
        var words = console.Words;
        var f = words.Format;
        string Term<T>(string code) where T : struct, Enum => words[Terms.Of(EnumCodes.Parse<T>(code))];
        async Task Line(TextKey key, params (string, MessageValue)[] values) => await console.Out.WriteLineAsync(console.Say(key.With(values))).ConfigureAwait(false);

        await Line(CliTexts.AssessHeader, ("licence", a.Licence), ("quarter", MessageValue.Quarter(Domain.Periods.Quarter.Parse(a.Quarter))), ("rules", a.RuleVersion));
        await Line(CliTexts.AssessKwh, ("total", MessageValue.Kwh(a.KwhTotal)),
            ("sources", MessageValue.Texts(a.KwhBySource.Where(k => k.Value != 0).Select(k => $"{Term<EnergySource>(k.Key)} {f.Kwh(k.Value)}"))));
        if (a.FeeKzt is { } amount) await Line(CliTexts.AssessFee, ("fee", MessageValue.Money(amount)), ("basis", a.FeeBasis));
        else await Line(CliTexts.AssessFeeUnverified, ("basis", a.FeeBasis));
        var none = console[CliTexts.None];
        await Line(CliTexts.AssessDue, ("declaration", a.DeclarationDue is { } d ? MessageValue.Date(DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)) : none),
            ("payment", a.PaymentDue is { } p ? MessageValue.Date(DateOnly.Parse(p, System.Globalization.CultureInfo.InvariantCulture)) : none));
        var quotaStatus = Term<QuotaStatus>(a.QuotaStatus);
        if (a.QuotaKwh is { } quota) await Line(CliTexts.AssessQuotaKwh, ("status", quotaStatus), ("quota", MessageValue.Kwh(quota)));
        else await Line(CliTexts.AssessQuota, ("status", quotaStatus));
        var saleStatus = Term<SaleStatus>(a.SaleStatus);
        if (a.RequiredSaleShare is { } required)
        {
            var assets = a.Sales.Select(s => console.Say(CliTexts.AssessSaleAsset.With(("asset", s.Asset),
                ("share", s.Share is { } share ? MessageValue.Share(share) : console[CliTexts.NotAvailable]), ("mined", MessageValue.Quantity(s.Mined)), ("sold", MessageValue.Quantity(s.SoldAifc)))));
            await Line(CliTexts.AssessSaleRequired, ("status", saleStatus), ("required", MessageValue.Share(required)), ("assets", MessageValue.Texts(assets)));
        }
        else
        {
            await Line(CliTexts.AssessSale, ("status", saleStatus));
        }

        foreach (var note in a.NotConfirmedRules)
            await Line(CliTexts.AssessRule, ("reference", note.Reference), ("status", Term<Domain.Rules.RuleStatus>(note.Status)), ("source", note.Source));
        if (a.Violations.Count == 0)
        {
            await Line(CliTexts.AssessNoViolations);
        }
        else
        {
            await Line(CliTexts.AssessViolations, ("count", a.Violations.Count));
            foreach (var v in a.Violations)
                await console.Out.WriteLineAsync($"    {Term<Domain.Validation.Severity>(v.Severity)} {v.Code} {v.Period}{(v.Subject is null ? "" : " " + v.Subject)}: {v.Message}").ConfigureAwait(false);
        }

        await console.Out.WriteLineAsync().ConfigureAwait(false);
    }
}
