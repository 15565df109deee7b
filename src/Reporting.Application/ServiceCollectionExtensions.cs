using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Storage;

namespace Reporting.Application;

/// <summary>The one registration of the whole pipeline, shared by the Functions app, the command line and tests.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddReportingPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton<StorageClients>();
        services.TryAddSingleton<StorageInitializer>();

        return services;
    }
}
