using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reporting.Application.Assessment;
using Reporting.Application.Ingestion;
using Reporting.Application.Registry;
using Reporting.Application.Reports;
using Reporting.Application.Reconciliation;
using Reporting.Application.Rules;
using Reporting.Application.Schedules;
using Reporting.Application.Validation;
using Reporting.Application.Work;
using Reporting.Excel.Reading;
using Reporting.Excel.Registry;
using Reporting.Excel.Reports;
using Reporting.Storage;
using Reporting.Storage.Assessments;
using Reporting.Storage.Blobs;
using Reporting.External;
using Reporting.Storage.Ledger;
using Reporting.Storage.Records;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Registry;
using Reporting.Storage.Reports;
using Reporting.Storage.Work;

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
        services.TryAddSingleton(_ => new RegistryWorkbookParser(RegistryWorkbookParser.DefaultLimits));

        services.AddOptions<RulesOptions>()
            .Bind(configuration.GetSection(RulesOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RulesOptions>, RulesOptionsValidator>());
        services.TryAddSingleton<RuleSetProvider>();
        services.TryAddSingleton<OfflineAssessmentService>();

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<StorageClients>();
        services.TryAddSingleton<StorageInitializer>();
        services.TryAddSingleton<UploadBlobs>();
        services.TryAddSingleton<FeedbackStore>();
        services.TryAddSingleton<RecordStore>();
        services.TryAddSingleton<SubmissionLedger>();
        services.TryAddSingleton<AssessmentStore>();
        services.TryAddSingleton<RegistryStore>();
        services.TryAddSingleton<SweepFolderStore>();

        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<QuarterReassessor>();
        services.TryAddSingleton<UploadProcessor>();
        services.TryAddSingleton<UploadSweeper>();
        services.TryAddSingleton<RegistryImportService>();
        services.TryAddSingleton<Audit.StateAuditor>();

        services.TryAddSingleton<ReportStore>();
        services.AddOptions<ReportsOptions>()
            .Bind(configuration.GetSection(ReportsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<DeadlineOptions>()
            .Bind(configuration.GetSection(DeadlineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<QuarterlyReportService>();
        services.TryAddSingleton<ProcessingStateReader>();
        services.AddExternalSources(configuration);
        services.TryAddSingleton<FindingStore>();
        services.AddOptions<ReconciliationOptions>()
            .Bind(configuration.GetSection(ReconciliationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Transient: they hold typed HTTP clients, which are meant to be short-lived.
        services.TryAddTransient<ReconciliationService>();

        // Work distribution: timers enqueue units (WorkScheduler), queue functions run them (WorkRunner).
        services.AddOptions<ScheduleOptions>()
            .Bind(configuration.GetSection(ScheduleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<WorkOptions>()
            .Bind(configuration.GetSection(WorkOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<WorkQueueStore>();
        services.TryAddSingleton<WorkUnitStore>();
        services.TryAddTransient<WorkPlanner>();
        services.TryAddTransient<WorkScheduler>();
        services.TryAddTransient<WorkRunner>();
        services.TryAddTransient<LocalQueueHost>();
        services.TryAddSingleton<WorkStatusService>();

        return services;
    }
}
