using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Application;
using Reporting.Application.Ingestion;
using Reporting.Application.Rules;
using Reporting.Excel.Reading;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Every_setting_of_local_settings_sample_binds_and_validates()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        var values = json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddReportingPipeline(configuration).BuildServiceProvider();

        Assert.Equal("UseDevelopmentStorage=true", services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.Equal(20_000_000, services.GetRequiredService<IOptions<WorkbookLimits>>().Value.MaxBytes);
        Assert.Equal(8, services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxParallelism);
        Assert.Equal(Domain.Rules.RuleSet.Default.Version, services.GetRequiredService<RuleSetProvider>().Rules.Version);
    }

    [Fact]
    public void A_broken_rules_file_fails_validation_at_start()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rules.json");
        File.WriteAllText(path, Domain.Rules.RuleSet.DefaultText().Replace("\"status\": \"likely\"", "\"status\": \"maybe\"", StringComparison.Ordinal));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Rules:Path"] = path }).Build();
        var services = new ServiceCollection().AddReportingPipeline(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RulesOptions>>().Value);

        Assert.Contains("'status' must be confirmed, likely or unverified", error.Message);
    }
}
