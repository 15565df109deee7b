namespace Reporting.ExternalStandIn;

/// <summary>
/// The fault plan of each API, changeable while the server runs (thread-safe). Setting a plan starts its
/// pattern afresh for that API: <c>FirstN(2)</c> means the next two requests to that API.
/// </summary>
public sealed class FaultInjector
{
    private readonly ActiveFault?[] _active = new ActiveFault?[StandInApis.All.Count];

    /// <summary>Sets <paramref name="plan"/> on every API (each API counts its own requests).</summary>
    public void Set(FaultPlan plan)
    {
        foreach (var api in StandInApis.All)
            Set(api, plan);
    }

    /// <summary>Sets <paramref name="plan"/> on one API.</summary>
    public void Set(StandInApi api, FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Volatile.Write(ref _active[(int)api], plan.Mode == FaultMode.None ? null : new ActiveFault(plan));
    }

    /// <summary>Every API healthy again.</summary>
    public void Clear() => Set(FaultPlan.None);

    /// <summary>The plan in force on <paramref name="api"/>.</summary>
    public FaultPlan Get(StandInApi api) => Volatile.Read(ref _active[(int)api])?.Plan ?? FaultPlan.None;

    /// <summary>Counts one request to <paramref name="api"/> and returns the plan to apply to it, or null.</summary>
    internal FaultPlan? Next(StandInApi api)
    {
        var active = Volatile.Read(ref _active[(int)api]);
        return active is not null && active.Hits() ? active.Plan : null;
    }

    private sealed class ActiveFault(FaultPlan plan)
    {
        private readonly Random? _random = plan.Pattern.Kind == FaultPatternKind.Probability
#pragma warning disable CA5394 // Repeatable fault sequences, not security.
            ? new Random(plan.Pattern.Seed)
#pragma warning restore CA5394
            : null;
        private long _requests;

        public FaultPlan Plan { get; } = plan;

        public bool Hits()
        {
            var n = Interlocked.Increment(ref _requests);
            var pattern = Plan.Pattern;
            switch (pattern.Kind)
            {
                case FaultPatternKind.EveryNth:
                    return n % pattern.N == 0;
                case FaultPatternKind.FirstN:
                    return n <= pattern.N;
                case FaultPatternKind.Probability:
                    lock (_random!)
                    {
#pragma warning disable CA5394
                        return _random.NextDouble() < pattern.P;
#pragma warning restore CA5394
                    }
                default:
                    return true;
            }
        }
    }
}
