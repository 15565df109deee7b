using Reporting.ExternalStandIn;

namespace Reporting.External.Tests;

public sealed class FaultPlanTests
{
    [Theory]
    [InlineData("None", "None")]
    [InlineData("ServerError", "ServerError:500@Always")]
    [InlineData("servererror:503@FirstN(2)", "ServerError:503@FirstN(2)")]
    [InlineData("Timeout:30s", "Timeout:30000ms@Always")]
    [InlineData("TooManyRequests:1@EveryNth(3)", "TooManyRequests:1@EveryNth(3)")]
    [InlineData("TruncatedBody:chunked", "TruncatedBody:chunked@Always")]
    [InlineData("Slow:500ms@Probability(0.25,42)", "Slow:500ms@Probability(0.25,42)")]
    [InlineData("Slow:00:00:01.5", "Slow:1500ms@Always")]
    [InlineData("EndlessPages", "EndlessPages@Always")]
    public void Plans_parse_from_text_and_print_back(string text, string expected)
    {
        var plan = FaultPlan.Parse(text);
        Assert.Equal(expected, plan.ToString());
        Assert.Equal(plan, FaultPlan.Parse(plan.ToString()));
    }

    [Theory]
    [InlineData("Explode")]
    [InlineData("5")]
    [InlineData("ServerError:404")]
    [InlineData("ServerError@FirstN(x)")]
    [InlineData("ServerError@Sometimes")]
    [InlineData("Slow:soon")]
    [InlineData("ServerError@Probability(1.5,1)")]
    public void Bad_plans_are_format_errors(string text) =>
        Assert.Throws<FormatException>(() => FaultPlan.Parse(text));

    [Fact]
    public void Patterns_hit_the_requests_they_say()
    {
        Assert.Equal([true, true, false, false, false], Hits(FaultPattern.FirstN(2), 5));
        Assert.Equal([false, false, true, false, false, true], Hits(FaultPattern.EveryNth(3), 6));
        Assert.All(Hits(FaultPattern.Always, 4), Assert.True);
    }

    [Fact]
    public void Probability_is_repeatable_for_a_seed_and_near_its_rate()
    {
        var a = Hits(FaultPattern.Probability(0.3, 42), 2000);
        var b = Hits(FaultPattern.Probability(0.3, 42), 2000);
        var c = Hits(FaultPattern.Probability(0.3, 7), 2000);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.InRange(a.Count(hit => hit), 500, 700);
    }

    [Fact]
    public void Setting_a_plan_restarts_its_pattern_and_each_api_counts_its_own_requests()
    {
        var faults = new FaultInjector();
        faults.Set(FaultPlan.ServerError(FaultPattern.FirstN(1)));

        Assert.NotNull(faults.Next(StandInApi.Purchases));
        Assert.NotNull(faults.Next(StandInApi.Distributions)); // its own first request
        Assert.Null(faults.Next(StandInApi.Purchases));

        faults.Set(StandInApi.Purchases, FaultPlan.ServerError(FaultPattern.FirstN(1)));
        Assert.NotNull(faults.Next(StandInApi.Purchases));
        faults.Clear();
        Assert.Equal(FaultMode.None, faults.Get(StandInApi.TradeConfirmations).Mode);
        Assert.Null(faults.Next(StandInApi.TradeConfirmations));
    }

    private static List<bool> Hits(FaultPattern pattern, int requests)
    {
        var faults = new FaultInjector();
        faults.Set(StandInApi.Purchases, FaultPlan.ServerError(pattern));
        return Enumerable.Range(0, requests).Select(_ => faults.Next(StandInApi.Purchases) is not null).ToList();
    }
}
