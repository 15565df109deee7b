using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Application;

namespace Reporting.Cli;

/// <summary>Builds the pipeline's services for one command run, from the environment plus the command's settings.</summary>
internal static class CliServices
{
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, bool verbose, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(settings)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging =>
        {
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
            logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
            logging.AddFilter("Azure", LogLevel.Warning);
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        });
        services.AddReportingPipeline(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static Dictionary<string, string?> StorageSettings(string connectionString) =>
        new() { ["Storage:ConnectionString"] = connectionString };
}
