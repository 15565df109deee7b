namespace Reporting.Benchmarks.Harness;

/// <summary>Where a run works and how thoroughly: <c>Quick</c> shrinks every case for a smoke run.</summary>
internal sealed record BenchContext(string RepositoryRoot, string WorkDirectory, bool Quick, TextWriter Log)
{
    public void Say(string message) => Log.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {message}");
}
