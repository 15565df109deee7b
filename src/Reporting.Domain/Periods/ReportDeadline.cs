namespace Reporting.Domain.Periods;

/// <summary>
/// When a month's reports are due: a day of the following month at a time of day, in Kazakhstan time
/// (configuration: the regulation gives no deadline for the monthly reports).
/// </summary>
public sealed record ReportDeadline(int DayOfFollowingMonth, TimeOnly TimeOfDay)
{
    public static ReportDeadline Default { get; } = new(10, new TimeOnly(23, 59, 59));

    public DateTimeOffset DueAt(Month month)
    {
        var next = month.Next;
        var day = Math.Min(DayOfFollowingMonth, next.Days);
        return KazakhstanTime.At(new DateOnly(next.Year, next.Number, day), TimeOfDay);
    }

    public bool IsLate(Month month, DateTimeOffset receivedAt) => receivedAt > DueAt(month);
}
