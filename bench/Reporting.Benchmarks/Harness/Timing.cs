using System.Diagnostics;

namespace Reporting.Benchmarks.Harness;

/// <summary>Wall-clock figures of repeated runs: the median is the headline, min and max show the spread.</summary>
internal sealed record Timing(double MedianSeconds, double MinSeconds, double MaxSeconds, int Samples, int RepetitionsPerSample)
{
    public double PerRepetitionSeconds => MedianSeconds / RepetitionsPerSample;

    public static Timing Of(IReadOnlyList<double> seconds, int repetitions) =>
        new(Median(seconds), seconds.Min(), seconds.Max(), seconds.Count, repetitions);

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

internal static class Measure
{
    public static double Seconds(Action action, int repetitions = 1)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repetitions; i++) action();
        return watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> SecondsAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Measures several actions in turn (first, second, ..., first, second, ...) after warm-up, so drift of the
    /// machine (other load, frequency, caches) affects them alike. Each sample repeats an action as often as
    /// the first action needs to last at least <paramref name="minimumSample"/>; the first is the floor.
    /// </summary>
    public static IReadOnlyList<Timing> Interleaved(IReadOnlyList<Action> actions, int warmups, int samples, TimeSpan minimumSample)
    {
        for (var i = 0; i < warmups; i++)
        {
            foreach (var action in actions) action();
        }

        var once = Seconds(actions[0]);
        var repetitions = (int)Math.Clamp(Math.Ceiling(minimumSample.TotalSeconds / Math.Max(once, 1e-6)), 1, 100_000);
        var seconds = actions.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < samples; i++)
        {
            for (var a = 0; a < actions.Count; a++) seconds[a].Add(Seconds(actions[a], repetitions));
        }

        return seconds.Select(s => Timing.Of(s, repetitions)).ToArray();
    }
}
