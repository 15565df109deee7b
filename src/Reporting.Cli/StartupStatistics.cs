using System.Globalization;
using System.Runtime;

namespace Reporting.Cli;

/// <summary>
/// When REPORTING_STARTUP_STATS=1, prints how much of the run the JIT compiler took (one line on standard
/// error), so the start-up benchmark can tell JIT time from the rest. Off by default; costs nothing when off.
/// </summary>
internal static class StartupStatistics
{
    public const string EnvironmentVariable = "REPORTING_STARTUP_STATS";

    public static void WriteIfRequested(TextWriter error)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) != "1") return;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"startup-stats jit_ms={JitInfo.GetCompilationTime().TotalMilliseconds:0.0} methods={JitInfo.GetCompiledMethodCount()} il_bytes={JitInfo.GetCompiledILBytes()}"));
    }
}
