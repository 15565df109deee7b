using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reporting.Application;
using Reporting.Application.Ingestion;
using Reporting.Application.Reconciliation;
using Reporting.Application.Reports;
using Reporting.Application.Schedules;
using Reporting.Application.Rules;
using Reporting.Excel.Reading;
using Reporting.External;
using Reporting.Storage;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Every_setting_of_local_settings_sample_binds_and_validates()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(SampleValues()).Build();
        var services = new ServiceCollection().AddReportingPipeline(configuration).BuildServiceProvider();

        // What a host does at start-up: every ValidateOnStart option, the rules file included.
        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("UseDevelopmentStorage=true", services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.Equal(Domain.Rules.RuleSet.Default.Version, services.GetRequiredService<RuleSetProvider>().Rules.Version);
    }

    /// <summary>
    /// The sample documents every setting the code reads (each public property of each options class) with the value
    /// the code uses when it is not set, so the sample cannot drift from the code.
    /// </summary>
    [Fact]
    public void The_sample_lists_every_setting_with_the_codes_default()
    {
        var values = SampleValues();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        (string Section, Type Type)[] sections =
        [
            (StorageOptions.SectionName, typeof(StorageOptions)), (WorkbookLimits.SectionName, typeof(WorkbookLimits)), (RulesOptions.SectionName, typeof(RulesOptions)),
            (IngestionOptions.SectionName, typeof(IngestionOptions)), (ReportsOptions.SectionName, typeof(ReportsOptions)), (DeadlineOptions.SectionName, typeof(DeadlineOptions)),
            (ScheduleOptions.SectionName, typeof(ScheduleOptions)), (ReconciliationOptions.SectionName, typeof(ReconciliationOptions)),
            (Web.PortalOptions.SectionName, typeof(Web.PortalOptions)),
            .. new[] { ExternalSourceNames.MarketOperator, ExternalSourceNames.Exchange, ExternalSourceNames.Pools }
                .Select(name => ($"{ExternalSourceNames.SectionName}:{name}", typeof(ExternalSourceOptions))),
        ];
        var missing = new List<string>();
        var different = new List<string>();
        foreach (var (section, type) in sections)
        {
            var defaults = Activator.CreateInstance(type)!;
            var bound = configuration.GetSection(section).Get(type) ?? Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
            {
                var key = $"{section}:{property.Name}";
                if (!values.ContainsKey(key)) missing.Add(key);
                else if (!Equals(Normalise(property.GetValue(defaults)), Normalise(property.GetValue(bound))) && key != "Storage:ConnectionString")
                    different.Add($"{key}: code {property.GetValue(defaults)}, sample {property.GetValue(bound)}");
            }
        }

        Assert.Empty(missing);
        Assert.Empty(different);
    }

    private static object? Normalise(object? value) => value is string { Length: 0 } ? null : value;

    private static Dictionary<string, string?> SampleValues()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
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
