using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Reporting.External.Tests;

public sealed class ConfigurationTests
{
    private static readonly Uri SomeApi = new("https://korem.example/api/");

    public static TheoryData<string, string?, string?, string> NotConfiguredCases => new()
    {
        { "no BaseUrl", null, "key", "BaseUrl is not set" },
        { "empty BaseUrl", "", "key", "BaseUrl is not set" },
        { "no ApiKey", SomeApi.ToString(), null, "ApiKey is empty" },
        { "blank ApiKey", SomeApi.ToString(), "  ", "ApiKey is empty" },
        { "unresolved Key Vault reference", SomeApi.ToString(),
            "@Microsoft.KeyVault(SecretUri=https://kv-reporting.vault.azure.net/secrets/korem-api-key/)", "unresolved Key Vault reference" },
        { "unresolved Key Vault reference, other spelling", SomeApi.ToString(),
            "@Microsoft.KeyVault(VaultName=kv-reporting;SecretName=korem-api-key)", "unresolved Key Vault reference" },
    };

    [Theory]
    [MemberData(nameof(NotConfiguredCases))]
    public async Task A_source_without_url_or_usable_key_is_not_configured_and_start_up_still_succeeds(
        string _, string? baseUrl, string? apiKey, string expectedReason)
    {
        var settings = StandInHarness.DefaultSettings(SomeApi, "real-key");
        settings["ExternalSources:MarketOperator:BaseUrl"] = baseUrl;
        settings["ExternalSources:MarketOperator:ApiKey"] = apiKey;

        using var host = BuildHost(settings);
        await host.StartAsync(); // ValidateOnStart runs here and must not throw
        var client = host.Services.GetRequiredService<IMarketOperatorClient>();

        Assert.False(client.IsConfigured);
        Assert.Contains(expectedReason, client.NotConfiguredReason, StringComparison.Ordinal);
        Assert.StartsWith("ExternalSources:MarketOperator:", client.NotConfiguredReason, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<ExternalSourceException>(() => client.GetMonthlyPurchasesAsync("2025-03"));
        Assert.Equal(ExternalSourceFailure.NotConfigured, ex.Failure);
        Assert.False(ex.IsTransient);
        Assert.DoesNotContain("real-key", ex.Message, StringComparison.Ordinal);

        // The other sources are configured independently.
        Assert.True(host.Services.GetRequiredService<IExchangeClient>().IsConfigured);
        Assert.Null(host.Services.GetRequiredService<IPoolClient>().NotConfiguredReason);
        await host.StopAsync();
    }

    [Fact]
    public async Task Without_any_ExternalSources_section_every_source_is_not_configured_and_the_host_starts()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        IExternalSourceClient[] clients =
        [
            host.Services.GetRequiredService<MarketOperatorClient>(),
            host.Services.GetRequiredService<ExchangeClient>(),
            host.Services.GetRequiredService<PoolClient>(),
        ];
        Assert.Equal(ExternalSourceNames.All, clients.Select(c => c.SourceName));
        Assert.All(clients, c => Assert.False(c.IsConfigured));
        await host.StopAsync();
    }

    public static TheoryData<string, string, string> InvalidCases => new()
    {
        { "BaseUrl", "api/relative", "absolute" },
        { "BaseUrl", "http://korem.example/api/", "https" },
        { "BaseUrl", "https://korem.example/api/?x=1", "query" },
        { "MaxRetries", "-1", "MaxRetries" },
        { "PageSize", "5000", "PageSize" },
        { "Timeout", "00:00:00", "Timeout" },
        { "TotalTimeout", "00:00:01", "TotalTimeout must be at least Timeout" },
        { "BreakerMinimumThroughput", "1", "BreakerMinimumThroughput" },
        { "BreakerBreakDuration", "00:00:00.100", "BreakerBreakDuration" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void A_value_that_is_present_but_wrong_fails_validation_at_start(string key, string value, string expected)
    {
        var settings = StandInHarness.DefaultSettings(SomeApi);
        settings[$"ExternalSources:Exchange:{key}"] = value;
        using var services = StandInHarness.BuildServices(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(ExternalSourceNames.Exchange, ex.OptionsName);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_accepted_for_a_loopback_stand_in()
    {
        var settings = StandInHarness.DefaultSettings(new Uri("http://127.0.0.1:5099/"));
        using var services = StandInHarness.BuildServices(settings);

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.True(services.GetRequiredService<IPoolClient>().IsConfigured);
    }

    [Fact]
    public void The_base_url_path_is_kept_when_it_lacks_a_trailing_slash()
    {
        var settings = StandInHarness.DefaultSettings(new Uri("https://korem.example/market"));
        using var services = StandInHarness.BuildServices(settings);

        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(ExternalSourceNames.MarketOperator);
        Assert.Equal(new Uri("https://korem.example/market/v1/purchases"), new Uri(http.BaseAddress!, "v1/purchases"));
        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Theory]
    [InlineData("2025-3")]
    [InlineData("2025-13")]
    [InlineData("25-03-01")]
    [InlineData("March")]
    public async Task A_month_that_is_not_yyyy_MM_is_an_argument_error_before_any_request(string month)
    {
        using var services = StandInHarness.BuildServices(StandInHarness.DefaultSettings(SomeApi));

        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IMarketOperatorClient>().GetMonthlyPurchasesAsync(month));
        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IExchangeClient>().GetTradeConfirmationsAsync("KZ-DM-0016", month));
        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<IPoolClient>().GetDistributionsAsync(" ", "2025-03"));
    }

    [Fact]
    public void Defaults_match_the_documented_values()
    {
        var options = new ExternalSourceOptions();
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TotalTimeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(0.8, options.BreakerFailureRatio);
        Assert.Equal(10, options.BreakerMinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakerSamplingDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakerBreakDuration);
        Assert.Equal(500, options.PageSize);
        Assert.Equal(10_000, options.MaxPages);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddExternalSources(builder.Configuration);
        return builder.Build();
    }
}
