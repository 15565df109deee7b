using System.Globalization;

namespace Reporting.Benchmarks.Harness;

/// <summary>CPU time of other processes (Azurite), read from /proc, to show where a storage-bound run spends the cores.</summary>
internal static class ProcessCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of every process whose command line contains <paramref name="marker"/>.</summary>
    public static double SecondsOf(string marker)
    {
        if (!Directory.Exists("/proc")) return double.NaN;
        var total = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (!commandLine.Contains(marker, StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                total += (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total;
    }

    public static double OwnSeconds()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
