using System.Globalization;
using System.Text.Json;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Storage;

namespace Reporting.Application.Work;

/// <summary>
/// One unit of work on a queue: what to do (the queue), on what (the target: a folder, "2025-03/pools", a quarter, a
/// ledger partition or <see cref="ReportsTarget"/>), and the timer tick that decided it (the batch: the schedule's
/// occurrence). Its id is deterministic, so two ticks of one occurrence, or a redelivered message, name the same unit.
/// </summary>
public sealed record WorkUnit(WorkQueue Queue, string Target, string Batch)
{
    /// <summary>The audit unit that checks the published report files rather than a licence folder.</summary>
    public const string ReportsTarget = "~reports";

    public string Id => $"{Queue.Code()}/{Target}@{Batch}";

    public static WorkUnit Sweep(string folder, string batch) => new(WorkQueue.Sweep, folder, batch);
    public static WorkUnit Reconcile(Month month, FindingSource source, string batch) => new(WorkQueue.Reconcile, $"{month}/{source.Code()}", batch);
    public static WorkUnit Report(Quarter quarter, string batch) => new(WorkQueue.Report, quarter.ToString(), batch);
    public static WorkUnit Audit(string partition, string batch) => new(WorkQueue.Audit, partition, batch);

    /// <summary>The month and source of a reconciliation unit.</summary>
    public (Month Month, FindingSource Source) ReconcileTarget()
    {
        var slash = Target.IndexOf('/', StringComparison.Ordinal);
        if (Queue != WorkQueue.Reconcile || slash < 0 || !Month.TryParse(Target[..slash], out var month) || !EnumCodes.TryParse<FindingSource>(Target[(slash + 1)..], out var source))
            throw new FormatException($"'{Target}' is not a reconciliation target (month/source).");
        return (month, source);
    }

    public Quarter ReportTarget() =>
        Queue == WorkQueue.Report && Quarter.TryParse(Target, out var quarter) ? quarter : throw new FormatException($"'{Target}' is not a quarter.");

    public string ToMessage() => JsonSerializer.Serialize(new Json(Queue.Code(), Target, Batch));

    /// <summary>The unit a queue message names. A message that is not one is a bug or tampering: it fails, and ends in the poison queue.</summary>
    public static WorkUnit Parse(string text)
    {
        Json? json;
        try
        {
            json = JsonSerializer.Deserialize<Json>(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not a unit of work: {e.Message}", e);
        }

        if (json is null || json.Queue is null || json.Target is null || string.IsNullOrEmpty(json.Batch) || !EnumCodes.TryParse<WorkQueue>(json.Queue, out var queue))
            throw new FormatException("Not a unit of work: queue, target and batch are required.");
        return new WorkUnit(queue, json.Target, json.Batch);
    }

    /// <summary>The batch of a timer tick: the schedule occurrence it belongs to, in UTC.</summary>
    public static string BatchOf(DateTimeOffset occurrence) => occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private sealed record Json(
        [property: System.Text.Json.Serialization.JsonPropertyName("queue")] string? Queue,
        [property: System.Text.Json.Serialization.JsonPropertyName("target")] string? Target,
        [property: System.Text.Json.Serialization.JsonPropertyName("batch")] string? Batch);
}
