using System.ComponentModel.DataAnnotations;
using Reporting.Domain.Periods;

namespace Reporting.Application.Reports;

/// <summary>Which quarters get consolidated reports, and how links to them are given out.</summary>
public sealed class ReportsOptions : IValidatableObject
{
    public const string SectionName = "Reports";

    /// <summary>The first quarter the timer builds ("2024-Q1"); earlier quarters are built only on request.</summary>
    public string FirstQuarter { get; set; } = "2024-Q1";

    /// <summary>How long a download link for the committee stays valid.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The language of the committee's workbook and CSV headers (kk, ru or en). Russian by default: the working
    /// language of the committee's staff; a deployment that files the reports in the state language sets kk.
    /// </summary>
    public Domain.Text.Language Language { get; set; } = Domain.Text.Language.Ru;

    /// <summary>The first quarter as a value (a method, so validation never reads it before checking the text).</summary>
    public Quarter First() => Quarter.Parse(FirstQuarter);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Quarter.TryParse(FirstQuarter, out _))
            yield return new ValidationResult($"Reports:FirstQuarter must be a quarter such as 2024-Q1, not '{FirstQuarter}'.", [nameof(FirstQuarter)]);
        if (LinkLifetime <= TimeSpan.Zero || LinkLifetime > TimeSpan.FromDays(7))
            yield return new ValidationResult("Reports:LinkLifetime must be between 0 and 7 days.", [nameof(LinkLifetime)]);
    }
}

/// <summary>When monthly reports are due (configuration; the regulation gives no deadline for them).</summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "Deadlines";

    /// <summary>Day of the month after the reported month by which both reports are due.</summary>
    [Range(1, 31)]
    public int ReportDueDay { get; set; } = 10;

    /// <summary>Time of day (Kazakhstan time) on the due day.</summary>
    public TimeOnly ReportDueTime { get; set; } = new(23, 59, 59);

    public ReportDeadline ToDeadline() => new(ReportDueDay, ReportDueTime);
}
