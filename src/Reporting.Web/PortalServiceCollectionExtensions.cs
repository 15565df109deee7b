using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reporting.Web.Handlers;
using Reporting.Web.Identity;
using Reporting.Web.Pipeline;
using Reporting.Web.Rendering;
using Reporting.Web.Uploads;

namespace Reporting.Web;

public static class PortalServiceCollectionExtensions
{
    /// <summary>
    /// The portal, for either host, on top of the pipeline (the host calls AddReportingPipeline too). Identity defaults to App Service
    /// Authentication (Easy Auth); only PortalServer replaces it with the development sign-in. Uploads default to being
    /// processed by Event Grid's trigger; PortalServer processes them on receipt.
    /// </summary>
    public static IServiceCollection AddReportingPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>()
            .Bind(configuration.GetSection(PortalOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<IPortalSignIn, EasyAuthSignIn>();
        services.TryAddSingleton<IUploadReceipts, ProcessedByEventGrid>();
        services.TryAddSingleton<PortalDirectory>();
        services.TryAddSingleton<PageRenderer>();
        services.TryAddSingleton<PortalPages>();
        services.TryAddSingleton<PortalPipeline>();
        services.TryAddSingleton<PortalUploadStore>();
        services.TryAddSingleton<UploadCheck>();
        services.TryAddSingleton<SubmissionQueries>();
        services.TryAddSingleton<AssessmentQueries>();
        services.TryAddSingleton<CommitteeQueries>();
        services.TryAddSingleton<UploadHandler>();
        services.TryAddSingleton<PortalHandlers>();
        return services;
    }
}
