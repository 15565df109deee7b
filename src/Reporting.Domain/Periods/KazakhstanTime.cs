namespace Reporting.Domain.Periods;

/// <summary>
/// Kazakhstan's civil time for deadlines and "this month": UTC+6 (Astana, Almaty) until 1 March 2024,
/// then UTC+5 for the whole country. Written out rather than taken from the machine's time-zone data,
/// so every host computes the same deadlines.
/// </summary>
public static class KazakhstanTime
{
    private static readonly DateTimeOffset SingleZoneFrom = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(6));

    public static TimeSpan OffsetAt(DateTimeOffset instant) => instant < SingleZoneFrom ? TimeSpan.FromHours(6) : TimeSpan.FromHours(5);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(OffsetAt(instant));

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The date in Kazakhstan at an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The instant a local date and time in Kazakhstan corresponds to.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        var offset = local < SingleZoneFrom.DateTime ? TimeSpan.FromHours(6) : TimeSpan.FromHours(5);
        return new DateTimeOffset(local, offset);
    }
}
