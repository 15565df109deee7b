using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reporting.Application;

namespace Reporting.Cli;

/// <summary>Builds the pipeline's services for one command run, from the environment plus the command's settings.</summary>
internal static class CliServices
{
    /// <param name="settings">The command's settings, over the environment's.</param>
    /// <param name="verbose">Log what the pipeline does.</param>
    /// <param name="configure">Further registrations.</param>
    /// <param name="validateOnStart">Check every setting (and load the rules) now; `validate` skips it: it needs the
    /// workbook limits only (checked when read), and its start-up time is what a miner waits for.</param>
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, bool verbose, Action<IServiceCollection>? configure = null, bool validateOnStart = true)
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
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        // What a host does at start-up: every ValidateOnStart option (and the rules file) checked now, so a wrong
        // setting is a usage error before any work, not a failure half-way.
        if (validateOnStart) provider.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        return provider;
    }

    /// <summary>
    /// The storage settings of --storage / REPORTING_STORAGE: a connection string, or an account's blob endpoint
    /// (https://ACCOUNT.blob.core.windows.net) for an identity-based connection (the account's table and queue endpoints are
    /// derived from it; the credential is the signed-in identity, e.g. `az login`, or Storage:ManagedIdentityClientId),
    /// as production accounts refuse shared keys.
    /// </summary>
    public static Dictionary<string, string?> StorageSettings(CliConsole console, string storage)
    {
        if (!Uri.TryCreate(storage.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            return new() { ["Storage:ConnectionString"] = storage };
        var host = endpoint.Host;
        var marker = host.IndexOf(".blob.", StringComparison.OrdinalIgnoreCase);
        if (marker < 0) throw new UsageException(console.Say(CliTexts.NotABlobEndpoint.With(("text", storage))));
        Uri Service(string kind) => new UriBuilder(endpoint) { Host = host[..marker] + $".{kind}." + host[(marker + ".blob.".Length)..], Path = "/" }.Uri;
        return new()
        {
            ["Storage:ConnectionString"] = "",
            ["Storage:BlobServiceUri"] = new UriBuilder(endpoint) { Path = "/" }.Uri.ToString(),
            ["Storage:TableServiceUri"] = Service("table").ToString(),
            ["Storage:QueueServiceUri"] = Service("queue").ToString(),
        };
    }
}
