using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Rules;

/// <summary>A source's rate: a fixed number, or "band" (set by the quarter's average price).</summary>
public readonly record struct SourceRate(decimal? Fixed, bool Banded)
{
    public static SourceRate Of(decimal rate) => new(rate, false);
    public static SourceRate Band => new(null, true);
}

/// <summary>A band of the 2023 scale: applies from <c>FromPrice</c> (inclusive) up to the next band; a null rate is unknown.</summary>
public sealed record PriceBand(decimal FromPrice, decimal? Rate);

public sealed record RoundingRule(int Decimals, MidpointRounding Mode)
{
    public decimal Apply(decimal amount) => Math.Round(amount, Decimals, Mode);
}

/// <summary>A due date: <c>Day</c> of the month <c>MonthsAfterQuarter</c> months after the quarter's last month.</summary>
public sealed record DueDateRule(int MonthsAfterQuarter, int Day)
{
    public DateOnly For(Quarter quarter)
    {
        var month = quarter.LastMonth.Start.AddMonths(MonthsAfterQuarter);
        return new DateOnly(month.Year, month.Month, Math.Min(Day, DateTime.DaysInMonth(month.Year, month.Month)));
    }
}

public static class RuleValueExtensions
{
    public static bool Contains(this IReadOnlyList<EnergySource> sources, EnergySource source) => sources.Any(s => s == source);
}
