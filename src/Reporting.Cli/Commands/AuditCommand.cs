using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Audit;
using Reporting.Application.Json;
using Reporting.Domain;
using Reporting.Domain.Text;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting audit [--dry-run] [--json]`: checks that the stored state is whole (current reports, submissions, records,
/// feedback, assessments, report files) and repairs what can be repaired. Exit 0 when nothing is left wrong, 1 otherwise.
/// </summary>
internal static class AuditCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var dryRun = new Option<bool>("--dry-run");
        var command = new Command("audit") { storage, dryRun, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var result = await services.GetRequiredService<StateAuditor>().AuditAsync(repair: !parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    result.Licences,
                    result.Submissions,
                    result.QuarterStates,
                    result.ReportVersions,
                    result.Clean,
                    result.Unrepaired,
                    findings = result.Findings.Select(f => new { kind = f.Kind.Code(), f.Partition, f.Quarter, f.UploadId, detail = console.Say(f.Detail), f.Repaired }),
                }, ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var f in result.Findings)
                {
                    await console.Out.WriteLineAsync(console.Say(CliTexts.AuditFinding.With(("kind", f.Kind.Code()), ("partition", f.Partition), ("quarter", f.Quarter ?? "-"),
                        ("detail", MessageValue.Nested(f.Detail)), ("state", console[f.Repaired ? CliTexts.AuditRepaired : CliTexts.AuditNotRepaired])))).ConfigureAwait(false);
                }

                await console.Out.WriteLineAsync(console.Say(CliTexts.AuditSummary.With(("licences", result.Licences), ("submissions", result.Submissions),
                    ("states", result.QuarterStates), ("versions", result.ReportVersions), ("findings", result.Findings.Count), ("unrepaired", result.Unrepaired)))).ConfigureAwait(false);
            }

            return result.Unrepaired == 0 && (result.Clean || !parse.GetValue(dryRun)) ? ReportingCommandLine.Success : ReportingCommandLine.Findings;
        });
        return command;
    }
}
