using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.ExternalStandIn;
using Xunit.Abstractions;

namespace Reporting.External.Tests;

/// <summary>
/// A real stand-in server on 127.0.0.1 with a fresh data folder, and a service provider built by the real
/// <c>AddExternalSources</c> from in-memory configuration pointing every source at it. The pipeline runs on
/// <see cref="Clock"/> (fake time): no timeout, back-off or break ends unless a test advances it, so results
/// never depend on the machine's speed. Retries have no back-off delay (BaseDelay 0) unless a test sets one;
/// the breaker is out of the way (high minimum throughput) unless a test lowers it.
/// </summary>
internal sealed class StandInHarness : IAsyncDisposable
{
    public const string ApiKey = "stand-in-test-key";

    private StandInHarness(ExternalStandInServer server, string folder, ServiceProvider services, ManualClock clock)
    {
        Server = server;
        Folder = folder;
        Services = services;
        Clock = clock;
    }

    /// <summary>The pipeline's time (and the server's, when started with <c>serverOnClock</c>).</summary>
    public ManualClock Clock { get; }

    public ExternalStandInServer Server { get; }

    public string Folder { get; }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static Dictionary<string, string?> DefaultSettings(Uri baseUrl, string apiKey = ApiKey)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var source in ExternalSourceNames.All)
        {
            var s = $"ExternalSources:{source}:";
            settings[s + "BaseUrl"] = baseUrl.ToString();
            settings[s + "ApiKey"] = apiKey;
            settings[s + "Timeout"] = "00:00:05";
            settings[s + "TotalTimeout"] = "00:00:15";
            settings[s + "MaxRetries"] = "3";
            settings[s + "BaseDelay"] = "00:00:00";
            settings[s + "BreakerFailureRatio"] = "0.5";
            settings[s + "BreakerMinimumThroughput"] = "1000";
            settings[s + "BreakerSamplingDuration"] = "00:00:30";
            settings[s + "BreakerBreakDuration"] = "00:00:00.500";
            settings[s + "PageSize"] = "500";
        }
        return settings;
    }

    /// <summary>Sets <paramref name="key"/> (e.g. "MaxRetries") for every source.</summary>
    public static void SetAll(Dictionary<string, string?> settings, string key, string? value)
    {
        foreach (var source in ExternalSourceNames.All)
            settings[$"ExternalSources:{source}:{key}"] = value;
    }

    /// <summary>
    /// Starts the stand-in and the clients. With <paramref name="serverOnClock"/> the server's holds, slow answers
    /// and receipt times run on <see cref="Clock"/> too; otherwise on real time (a truncated body's short pause
    /// before the abort is then real, which no assertion measures).
    /// </summary>
    public static async Task<StandInHarness> StartAsync(
        ITestOutputHelper? output = null, Action<Dictionary<string, string?>>? configure = null, FaultPlan? fault = null, bool serverOnClock = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "reporting-external-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var clock = new ManualClock();
        var server = await ExternalStandInServer.StartAsync(new StandInOptions
        {
            DataFolder = folder, ApiKey = ApiKey, Fault = fault, TimeProvider = serverOnClock ? clock : TimeProvider.System,
        });
        var settings = DefaultSettings(server.BaseUrl);
        configure?.Invoke(settings);
        var services = BuildServices(settings, output, clock);
        services.GetRequiredService<IStartupValidator>().Validate();
        return new StandInHarness(server, folder, services, clock);
    }

    /// <summary>The clients' services; <paramref name="time"/> is the pipeline's clock (registered before
    /// <c>AddExternalSources</c>, which keeps it), real time when null.</summary>
    public static ServiceProvider BuildServices(Dictionary<string, string?> settings, ITestOutputHelper? output = null, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            if (output is not null)
                logging.AddProvider(new TestOutputLoggerProvider(output));
        });
        if (time is not null)
            services.AddSingleton(time);
        services.AddExternalSources(configuration);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Writes the clients' logs to the test output (shown for failing tests).</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new OutputLogger(output, categoryName);

    public void Dispose()
    {
    }

    private sealed class OutputLogger(ITestOutputHelper output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug
            && !(category.StartsWith("System.Net.Http", StringComparison.Ordinal) && logLevel < LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            try
            {
                output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel,-11} {category.Split('.').Last()}: {formatter(state, exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; late log lines are dropped.
            }
        }
    }
}
