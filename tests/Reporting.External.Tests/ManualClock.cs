using Microsoft.Extensions.Time.Testing;

namespace Reporting.External.Tests;

/// <summary>
/// Fake time for the resilience pipeline (and, where a test asks, the stand-in's holds and delays): nothing
/// times out, backs off or half-opens unless the test advances the clock. It also reports when a timer is
/// armed or stopped, so a test advances exactly when the code under test waits (a retry delay, an attempt
/// timeout, a server hold) instead of sleeping and hoping the machine was fast enough.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    /// <summary>How long a test waits for an event before failing: a guard against a hang, never a measurement.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static readonly DateTimeOffset Start = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake = new(Start);
    private readonly Lock _gate = new();
    private readonly List<ClockTimer> _timers = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Time advanced since the clock was made.</summary>
    public TimeSpan Elapsed => _fake.GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _fake.Advance(by);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ClockTimer(this, dueTime);
        timer.Inner = _fake.CreateTimer(s =>
        {
            timer.Fired = true;
            callback(s);
            Changed();
        }, state, dueTime, period);
        lock (_gate) _timers.Add(timer);
        Changed();
        return timer;
    }

    /// <summary>Timers armed so far with <paramref name="dueTime"/> (each attempt timeout, each server hold).</summary>
    public int Armed(TimeSpan dueTime)
    {
        lock (_gate) return _timers.Count(t => t.DueTime == dueTime);
    }

    /// <summary>Timers of <paramref name="dueTime"/> stopped before they fired (a hold the client hung up on).</summary>
    public int StoppedEarly(TimeSpan dueTime)
    {
        lock (_gate) return _timers.Count(t => t.DueTime == dueTime && t.Disposed && !t.Fired);
    }

    /// <summary>Completes once <paramref name="count"/> timers of <paramref name="dueTime"/> have been armed.</summary>
    public Task WhenArmedAsync(TimeSpan dueTime, int count) =>
        WhenAsync(() => Armed(dueTime) >= count, $"{count} timer(s) of {dueTime} armed (armed: {Describe()})");

    /// <summary>Completes once <paramref name="count"/> timers of <paramref name="dueTime"/> were stopped before firing.</summary>
    public Task WhenStoppedEarlyAsync(TimeSpan dueTime, int count) =>
        WhenAsync(() => StoppedEarly(dueTime) >= count, $"{count} timer(s) of {dueTime} stopped early ({Describe()})");

    private async Task WhenAsync(Func<bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition()) return;
            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(HangGuard);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Never happened: {what}");
        }
    }

    private void Changed()
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            ready = [.. _waiters.Where(w => w.Condition()).Select(w => w.Done)];
            _waiters.RemoveAll(w => ready.Contains(w.Done));
        }

        foreach (var done in ready) done.TrySetResult();
    }

    private string Describe()
    {
        lock (_gate) return string.Join(", ", _timers.Select(t => $"{t.DueTime}{(t.Fired ? " fired" : t.Disposed ? " stopped" : "")}"));
    }

    private sealed class ClockTimer(ManualClock clock, TimeSpan dueTime) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public TimeSpan DueTime { get; } = dueTime;

        private volatile bool _fired;
        private volatile bool _disposed;

        public bool Fired { get => _fired; set => _fired = value; }

        public bool Disposed => _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Inner.Dispose();
            _disposed = true;
            clock.Changed();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
