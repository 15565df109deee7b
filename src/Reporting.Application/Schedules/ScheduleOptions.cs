using System.ComponentModel.DataAnnotations;
using Cronos;

namespace Reporting.Application.Schedules;

/// <summary>
/// The timers' schedules as six-field NCRONTAB expressions (seconds first, UTC), the same strings the
/// Functions timer triggers read as %Schedules:...% (app settings Schedules__...). `reporting serve` runs them with Cronos.
/// </summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string SectionName = "Schedules";

    /// <summary>Daily at 03:00 UTC (08:00 in Kazakhstan).</summary>
    public string QuarterlyReports { get; set; } = "0 0 3 * * *";

    /// <summary>Daily at 02:30 UTC, before the quarterly reports, so that its findings are in that day's reports.</summary>
    public string Reconciliation { get; set; } = "0 30 2 * * *";

    /// <summary>
    /// Every ten minutes: the safety net for uploads whose Event Grid event was lost. Cheap when nothing changed (one
    /// listing of the uploads and one table query), so a lost event costs a miner minutes, not a day.
    /// </summary>
    public string Sweep { get; set; } = "0 */10 * * * *";

    /// <summary>Daily at 02:00 UTC, before reconciliation and the reports, so repaired drift is in that day's figures.</summary>
    public string Audit { get; set; } = "0 0 2 * * *";

    /// <summary>The schedule of the timer that enqueues a kind of work.</summary>
    public string Of(Storage.WorkQueue kind) => kind switch
    {
        Storage.WorkQueue.Sweep => Sweep,
        Storage.WorkQueue.Reconcile => Reconciliation,
        Storage.WorkQueue.Report => QuarterlyReports,
        Storage.WorkQueue.Audit => Audit,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static CronExpression Parse(string expression) => CronExpression.Parse(expression, CronFormat.IncludeSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(QuarterlyReports), QuarterlyReports), (nameof(Reconciliation), Reconciliation), (nameof(Sweep), Sweep), (nameof(Audit), Audit) })
        {
            string? error = null;
            try
            {
                Parse(value);
            }
            catch (CronFormatException e)
            {
                error = e.Message;
            }

            if (error is not null) yield return new ValidationResult($"Schedules:{name} '{value}' is not a six-field cron expression: {error}", [name]);
        }
    }
}
