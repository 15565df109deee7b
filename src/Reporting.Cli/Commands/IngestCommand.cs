using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Ingestion;
using Reporting.Application.Json;
using Spectre.Console;

namespace Reporting.Cli.Commands;

/// <summary>
/// `reporting ingest [--storage CONNECTION] [--json]`: processes every upload that has no submission yet
/// (the sweep), one line per upload processed in this run and a summary. Exit 1 if a transient fault
/// left uploads for the next run; rejected files are normal outcomes.
/// </summary>
internal static class IngestCommand
{
    public static Command Build(CliConsole console)
    {
        var storage = CommonOptions.Storage();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("ingest", "Process every upload that has no submission yet, and re-assess what changed.") { storage, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = CommonOptions.RequireStorage(parse.GetValue(storage));
            await using var services = CliServices.Build(CliServices.StorageSettings(connection), parse.GetValue(verbose));
            var result = await SweepAsync(services.GetRequiredService<UploadSweeper>(), console, showProgress: !parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), ReportingJson.Options)).ConfigureAwait(false);
            }
            else
            {
                foreach (var outcome in result.Outcomes) await console.Out.WriteLineAsync(Line(outcome)).ConfigureAwait(false);
                await console.Out.WriteLineAsync(Summary(result)).ConfigureAwait(false);
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
            var task = context.AddTask("Processing uploads");
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

    public static string Line(UploadOutcome o)
    {
        var what = string.Join(" ", new[] { o.Licence, o.Period, o.Kind }.Where(s => !string.IsNullOrEmpty(s)));
        var counts = o.Errors + o.Warnings > 0 ? $" ({o.Errors} errors, {o.Warnings} warnings)" : "";
        var detail = o.Status == UploadOutcome.Rejected && o.FirstIssue is not null ? $": {o.FirstIssue}" + (o.Detail is null ? "" : $" — {o.Detail}")
            : o.Detail is not null && o.Status is UploadOutcome.Failed or UploadOutcome.Skipped ? $": {o.Detail}" : "";
        return $"{o.Blob}: {o.Status}{(what.Length > 0 ? " " + what : "")}{counts}{detail}";
    }

    public static string Summary(SweepResult result) =>
        $"{result.Outcomes.Count} uploads processed of {result.BlobsSeen} in the container: " +
        $"{result.Count(UploadOutcome.Accepted)} accepted, {result.Count(UploadOutcome.Rejected)} rejected, " +
        $"{result.Count(UploadOutcome.Duplicate)} duplicate, {result.Count(UploadOutcome.Superseded)} superseded, " +
        $"{result.Count(UploadOutcome.Skipped)} skipped, {result.Count(UploadOutcome.Failed)} failed; " +
        $"{result.Reassessed} licence-quarters re-assessed.";

    private static object ToJson(SweepResult result) => new
    {
        uploads = result.Outcomes.Select(o => new
        {
            blob = o.Blob,
            status = o.Status,
            licence = o.Licence,
            period = o.Period,
            kind = o.Kind,
            issues = o.Errors + o.Warnings,
            errors = o.Errors,
            warnings = o.Warnings,
            firstIssue = o.FirstIssue,
            detail = o.Detail,
            uploadId = o.UploadId,
        }),
        summary = new
        {
            blobs = result.BlobsSeen,
            processed = result.Outcomes.Count,
            accepted = result.Count(UploadOutcome.Accepted),
            rejected = result.Count(UploadOutcome.Rejected),
            duplicate = result.Count(UploadOutcome.Duplicate),
            superseded = result.Count(UploadOutcome.Superseded),
            skipped = result.Count(UploadOutcome.Skipped),
            failed = result.Count(UploadOutcome.Failed),
            reassessed = result.Reassessed,
        },
    };
}
