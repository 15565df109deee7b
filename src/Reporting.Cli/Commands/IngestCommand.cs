using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Ingestion;
using Reporting.Application.Json;
using Reporting.Domain;
using Reporting.Domain.Text;
using Spectre.Console;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting ingest [--storage CONNECTION] [--json]`: processes every upload that has no submission yet
/// (the sweep), one line per upload processed in this run and a summary. Exit 1 if a fault left uploads for
/// the next run (storage down: the sweep stops after a few faults in a row); rejected files are normal outcomes.
/// </summary>
internal static class IngestCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("ingest") { storage, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.RequireStorage(console, parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(console, connection), parse.GetValue(verbose));
            var result = await SweepAsync(services.GetRequiredService<UploadSweeper>(), console, showProgress: !parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result, console.Words), ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var outcome in result.Outcomes) await console.Out.WriteLineAsync(Line(outcome, console)).ConfigureAwait(false);
                await console.Out.WriteLineAsync(Summary(result, console)).ConfigureAwait(false);
                if (result.StoppedEarly) await console.Error.WriteLineAsync(console[CliTexts.IngestStoppedEarly]).ConfigureAwait(false);
                if (result.Failures.Count > 0) await console.Error.WriteLineAsync(console.Say(CliTexts.IngestFailures.With(("count", result.Failures.Count)))).ConfigureAwait(false);
            }

            return result.HasFailures ? ReportingCommandLine.Findings : ReportingCommandLine.Success;
        });
        return command;
    }

    /// <summary>Runs a sweep with a progress bar when stdout is a terminal.</summary>
    public static async Task<SweepResult> SweepAsync(UploadSweeper sweeper, CliConsole console, bool showProgress, CancellationToken cancellationToken)
    {
        if (!showProgress || !console.IsInteractive) return await sweeper.SweepAsync(null, cancellationToken).ConfigureAwait(false);
        SweepResult? result = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask(console[CliTexts.IngestProgress]);
            var progress = new Progress<SweepProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Examined;
            });
            result = await sweeper.SweepAsync(progress, cancellationToken).ConfigureAwait(false);
            task.Value = task.MaxValue;
        }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>"BLOB: rejected KZ-DM-0001 2025-03 consumption (2 errors, 0 warnings): first problem", in the console's language.</summary>
    public static string Line(UploadOutcome o, CliConsole console)
    {
        var words = console.Words;
        var kind = o.Kind is null ? null : words[Terms.Of(EnumCodes.Parse<Domain.Reports.ReportKind>(o.Kind))];
        var what = string.Join(" ", new[] { o.Licence, o.Period, kind }.Where(s => !string.IsNullOrEmpty(s)));
        var counts = o.Errors + o.Warnings > 0 ? " (" + words.Render(CliTexts.IngestCounts.With(("errors", o.Errors), ("warnings", o.Warnings))) + ")" : "";
        var detail = o.Status == UploadOutcomeStatus.Rejected && o.FirstIssue is not null ? $": {o.FirstIssue.Code}: {words.Render(o.FirstIssue)}"
            : o.Detail is not null ? ": " + words.Render(o.Detail) + (o.Error is null ? "" : $" ({o.Error})")
            : "";
        return $"{o.Blob}: {words[Terms.Of(o.Status)]}{(what.Length > 0 ? " " + what : "")}{counts}{detail}";
    }

    public static string Summary(SweepResult result, CliConsole console) => console.Say(CliTexts.IngestSummary.With(
        ("processed", result.Outcomes.Count), ("blobs", result.BlobsSeen),
        ("accepted", result.Count(UploadOutcomeStatus.Accepted)), ("rejected", result.Count(UploadOutcomeStatus.Rejected)),
        ("duplicate", result.Count(UploadOutcomeStatus.Duplicate)), ("superseded", result.Count(UploadOutcomeStatus.Superseded)),
        ("skipped", result.Count(UploadOutcomeStatus.Skipped)), ("failed", result.Count(UploadOutcomeStatus.Failed)), ("reassessed", result.Reassessed)));

    private static object ToJson(SweepResult result, Words words) => new
    {
        uploads = result.Outcomes.Select(o => new
        {
            blob = o.Blob,
            status = o.Status.Code(),
            licence = o.Licence,
            period = o.Period,
            kind = o.Kind,
            issues = o.Errors + o.Warnings,
            errors = o.Errors,
            warnings = o.Warnings,
            firstIssue = o.FirstIssue is { } issue ? new { code = issue.Code, message = words.Render(issue) } : null,
            detail = o.Detail is { } detail ? words.Render(detail) : null,
            error = o.Error,
            uploadId = o.UploadId,
        }),
        failures = result.Failures.Select(f => new { item = f.Item, error = f.Error }),
        summary = new
        {
            blobs = result.BlobsSeen,
            processed = result.Outcomes.Count,
            accepted = result.Count(UploadOutcomeStatus.Accepted),
            rejected = result.Count(UploadOutcomeStatus.Rejected),
            duplicate = result.Count(UploadOutcomeStatus.Duplicate),
            superseded = result.Count(UploadOutcomeStatus.Superseded),
            skipped = result.Count(UploadOutcomeStatus.Skipped),
            failed = result.Count(UploadOutcomeStatus.Failed),
            reassessed = result.Reassessed,
            stoppedEarly = result.StoppedEarly,
        },
    };
}
