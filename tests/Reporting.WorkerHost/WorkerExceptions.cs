namespace Reporting.WorkerHost;

/// <summary>
/// The worker did not come up: it exited (with <see cref="ExitCode"/>), or did not finish start-up in time.
/// <see cref="Output"/> holds its stdout and stderr, <see cref="Logs"/> the RpcLogs it sent before.
/// </summary>
public sealed class WorkerStartException(string message, int? exitCode, string output, IReadOnlyList<WorkerLog> logs)
    : Exception(message + "\n--- worker output ---\n" + output)
{
    public int? ExitCode { get; } = exitCode;
    public string Output { get; } = output;
    public IReadOnlyList<WorkerLog> Logs { get; } = logs;

    /// <summary>Everything the worker said: its output and its log messages with their exceptions.</summary>
    public string AllText => Output + "\n" + string.Join("\n", Logs);
}

/// <summary>An invocation the worker answered with a failure where the caller needed success (e.g. HTTP).</summary>
public sealed class FunctionInvocationException(InvocationResult result)
    : Exception($"{result.FunctionName} failed in the worker: {result.ExceptionMessage}\n{result.ExceptionStackTrace}")
{
    public InvocationResult Result { get; } = result;
}
