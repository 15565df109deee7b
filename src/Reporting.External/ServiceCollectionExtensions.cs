using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Reporting.External;

/// <summary>Registration of the external source clients.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MarketOperatorClient"/>, <see cref="ExchangeClient"/> and <see cref="PoolClient"/>
    /// (and their interfaces) as typed clients, each with named <see cref="ExternalSourceOptions"/> bound from
    /// <c>ExternalSources:{name}</c> of <paramref name="configuration"/> (the root configuration), validated at
    /// start, and its own resilience pipeline. A source that is not configured does not fail start-up.
    /// </summary>
    public static IServiceCollection AddExternalSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        AddSource<MarketOperatorClient>(services, configuration, ExternalSourceNames.MarketOperator);
        AddSource<ExchangeClient>(services, configuration, ExternalSourceNames.Exchange);
        AddSource<PoolClient>(services, configuration, ExternalSourceNames.Pools);

        services.TryAddTransient<IMarketOperatorClient>(sp => sp.GetRequiredService<MarketOperatorClient>());
        services.TryAddTransient<IExchangeClient>(sp => sp.GetRequiredService<ExchangeClient>());
        services.TryAddTransient<IPoolClient>(sp => sp.GetRequiredService<PoolClient>());
        return services;
    }

    private static void AddSource<TClient>(IServiceCollection services, IConfiguration configuration, string name)
        where TClient : class
    {
        services.AddOptions<ExternalSourceOptions>(name)
            .Bind(configuration.GetSection($"{ExternalSourceNames.SectionName}:{name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var http = services.AddHttpClient<TClient>(name, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<ExternalSourceOptions>>().Get(name);
                if (options.BaseUrl is { IsAbsoluteUri: true } baseUrl)
                    client.BaseAddress = WithTrailingSlash(baseUrl);
                // The pipeline's total timeout bounds every call; HttpClient's own 100 s must not cut in first.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            });
        // Handlers run outermost first: the resilience pipeline, then the body buffering inside each attempt.
        http.AddResilienceHandler(ExternalSourceNames.PipelineName, (builder, context) => ExternalSourcePipeline.Configure(builder, context, name));
        http.AddHttpMessageHandler(sp =>
            new ResponseBufferingHandler(sp.GetRequiredService<IOptionsMonitor<ExternalSourceOptions>>().Get(name).MaxResponseBytes));
    }

    private static Uri WithTrailingSlash(Uri baseUrl) =>
        baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
}
