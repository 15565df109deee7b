using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reporting.TestSupport;

public static class TestLogging
{
    public static ILogger<T> Null<T>() => NullLogger<T>.Instance;
}
