using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reporting.Application.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
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

        services.AddOptions<WorkbookLimits>()
            .Bind(configuration.GetSection(WorkbookLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(sp => new MonthReportParser(sp.GetRequiredService<IOptions<WorkbookLimits>>().Value));
        services.TryAddSingleton<ReportValidator>();

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations();
        services.TryAddSingleton<StorageClients>();
        services.TryAddSingleton<StorageInitializer>();

        return services;
    }
}
