using Azure;

namespace Reporting.Storage;

/// <summary>
/// Storage faults worth retrying later (unavailable, throttled, timed out), as opposed to answers
/// (404, 409, 412) that the code handles as outcomes.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status is 0 or 408 or 429 or >= 500,
        AggregateException e => e.InnerExceptions.Count > 0 && e.InnerExceptions.All(IsTransient),
        HttpRequestException => true,
        IOException => true,
        TimeoutException => true,
        TaskCanceledException e => e.InnerException is TimeoutException,
        _ => false,
    };
}
