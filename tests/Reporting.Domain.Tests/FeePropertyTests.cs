using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Rules;

namespace Reporting.Domain.Tests;

/// <summary>Invariants of the fee that must hold for any consumption, in every period's rules.</summary>
public sealed class FeePropertyTests
{
    private static readonly Quarter[] Quarters = [new(2022, 2), new(2023, 1), new(2023, 3), new(2024, 2), new(2025, 4), new(2026, 1)];

    private static Gen<ConsumptionRow> Row =>
        from source in Gen.Elements(EnergySources.All.ToArray())
        from kwh in Gen.Choose(0, 50_000_000)
        from thousandths in Gen.Choose(0, 999)
        from price in Gen.Choose(1000, 4000)
        from metered in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from site in Gen.Choose(1, 3)
        select new ConsumptionRow(2, $"Site-{site}", metered ? $"M-{site}-{source.Code()}" : null, source, kwh + thousandths / 1000m,
            source is EnergySource.Grid or EnergySource.Import ? Math.Round((kwh + thousandths / 1000m) * price / 100m, 2) : null);

    private static Arbitrary<(Quarter Quarter, ConsumptionRow[] Rows)> Scenario =>
        (from quarter in Gen.Elements(Quarters)
         from rows in Row.ArrayOf()
         select (quarter, rows)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Fee_is_never_negative() =>
        Prop.ForAll(Scenario, s =>
        {
            var fee = Fee(s.Quarter, [s.Rows]);
            return fee.AmountKzt is null ? fee.Status == FeeStatus.RateUnverified : fee.AmountKzt >= 0;
        });

    [Property(MaxTest = 300)]
    public Property Splitting_a_months_rows_across_reports_does_not_change_the_quarters_fee() =>
        Prop.ForAll(Scenario, Gen.Choose(0, 1000).ToArbitrary(), (s, cut) =>
        {
            var at = s.Rows.Length == 0 ? 0 : cut % (s.Rows.Length + 1);
            var whole = Fee(s.Quarter, [s.Rows]);
            var split = Fee(s.Quarter, [s.Rows[..at], s.Rows[at..]]);
            return whole.AmountKzt == split.AmountKzt && whole.Status == split.Status;
        });

    [Property(MaxTest = 300)]
    public Property Adding_renewable_kWh_never_lowers_the_fee() =>
        Prop.ForAll(Scenario, Gen.Choose(1, 5_000_000).ToArbitrary(), (s, extra) =>
        {
            var before = Fee(s.Quarter, [s.Rows]);
            var after = Fee(s.Quarter, [[.. s.Rows, new ConsumptionRow(99, "Solar park", "RES-1", EnergySource.Renewable, extra, null)]]);
            return before.AmountKzt is null || after.AmountKzt is null || after.AmountKzt >= before.AmountKzt;
        });

    [Property(MaxTest = 200)]
    public Property In_flat_periods_the_fee_is_the_sum_of_kWh_times_the_source_rate() =>
        Prop.ForAll(Row.ArrayOf().ToArbitrary(), rows =>
        {
            var fee = Fee(new Quarter(2024, 3), [rows]);
            var expected = Math.Round(rows.Sum(r => r.Kwh * (r.Source is EnergySource.Renewable or EnergySource.OffGrid ? 1m : 2m)), 2, MidpointRounding.AwayFromZero);
            return fee.Status == FeeStatus.Assessed && fee.AmountKzt == expected;
        });

    [Property(MaxTest = 200)]
    public Property Without_grid_or_import_kWh_2023_is_never_rate_unverified() =>
        Prop.ForAll(Row.Where(r => r.Source is not (EnergySource.Grid or EnergySource.Import)).ArrayOf().ToArbitrary(), rows =>
            Fee(new Quarter(2023, 2), [rows]).Status == FeeStatus.Assessed);

    private static FeeAssessment Fee(Quarter quarter, ConsumptionRow[][] reports)
    {
        var month = quarter.FirstMonth;
        var input = new AssessmentInput("KZ-DM-0001", quarter,
            reports.Select(rows => new ConsumptionReport(new ReportHeader(ReportKind.Consumption, "KZ-DM-0001", "080240012341", "Co", month, "1.0"), rows)).ToArray(),
            [], Registry.Registry.Empty);
        return QuarterAssessor.Assess(input, RuleSet.Default).Fee;
    }
}
