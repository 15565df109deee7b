using System.Diagnostics;

namespace Reporting.Benchmarks.Harness;

/// <summary>What one run of an action did to the managed heap, above the heap before it started.</summary>
internal sealed record MemoryFigures(long PeakHeapBytes, long RetainedBytes, long AllocatedBytes, int Gen0Collections, int Gen2Collections);

/// <summary>
/// Samples the managed heap on a second thread while an action runs. The sampled size includes garbage
/// not yet collected, so probes run in a child process with a small gen0 budget (DOTNET_GCgen0size), which
/// makes the peak track live data rather than the collector's allowance.
/// </summary>
internal static class MemoryProbe
{
    public static MemoryFigures Measure(Func<object?> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        long peak = baseline;
        var stop = 0;
        var sampler = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                var now = GC.GetTotalMemory(forceFullCollection: false);
                if (now > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, now);
                Thread.Sleep(0);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();

        var result = action();

        var last = GC.GetTotalMemory(forceFullCollection: false);
        Volatile.Write(ref stop, 1);
        sampler.Join();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen0Count = GC.CollectionCount(0) - gen0;
        var gen2Count = GC.CollectionCount(2) - gen2;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(result);
        return new MemoryFigures(Math.Max(Interlocked.Read(ref peak), last) - baseline, retained, allocated, gen0Count, gen2Count);
    }

    /// <summary>Peak resident set of this process so far (VmHWM on Linux).</summary>
    public static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
