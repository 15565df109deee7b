using System.Reflection;
using System.Text.Json;
using Reporting.Storage.Emulator;
using Reporting.TestSupport;

namespace Reporting.Functions.Tests;

/// <summary>The built Functions app and the app settings it runs with.</summary>
public static class FunctionsApp
{
    /// <summary>
    /// The worker's build output, in the configuration these tests were built in (the project reference builds
    /// it first): functions/Reporting.Functions/bin/CONFIG/net10.0/linux-x64.
    /// </summary>
    public static string Directory
    {
        get
        {
            var configuration = typeof(FunctionsApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var directory = Path.Combine(RepositoryPaths.Root, "functions", "Reporting.Functions", "bin", configuration, "net10.0", "linux-x64");
            if (!File.Exists(Path.Combine(directory, "Reporting.Functions.dll")))
                throw new InvalidOperationException($"The Functions app is not built in {directory}: build tests/Reporting.Functions.Tests (it builds the app first).");
            return directory;
        }
    }

    /// <summary>The Values of local.settings.sample.json, exactly as Core Tools would export them.</summary>
    public static Dictionary<string, string?> SampleSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
    }

    /// <summary>The sample settings with both storage connection strings pointed at this Azurite.</summary>
    public static Dictionary<string, string?> SampleSettings(string connectionString, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = SampleSettings();
        settings["AzureWebJobsStorage"] = connectionString;
        settings["Storage__ConnectionString"] = connectionString;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    public static Task<AzuriteServer> StartAzuriteAsync(AzuriteServerOptions? options = null) => AzuriteServer.StartAsync(options);
}
