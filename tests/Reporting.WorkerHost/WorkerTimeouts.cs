namespace Reporting.WorkerHost;

/// <summary>How long the host waits for each step; a step that overruns fails with the worker's output.</summary>
public sealed record WorkerTimeouts
{
    /// <summary>Process start until the function metadata has arrived (StartStream, init, indexing).</summary>
    public TimeSpan Startup { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Each request: a function load, an invocation, an HTTP exchange.</summary>
    public TimeSpan Request { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>WorkerTerminate until the process has exited (then it is killed).</summary>
    public TimeSpan Shutdown { get; init; } = TimeSpan.FromSeconds(15);

    public static WorkerTimeouts Default { get; } = new();
}
