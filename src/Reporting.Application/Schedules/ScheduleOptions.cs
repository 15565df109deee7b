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

    public static CronExpression Parse(string expression) => CronExpression.Parse(expression, CronFormat.IncludeSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(QuarterlyReports), QuarterlyReports), (nameof(Reconciliation), Reconciliation) })
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
