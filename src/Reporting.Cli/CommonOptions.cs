using System.CommandLine;

namespace Reporting.Cli;

/// <summary>Options shared by the commands that touch storage.</summary>
internal static class CommonOptions
{
    public const string StorageEnvironmentVariable = "REPORTING_STORAGE";

    public static Option<string?> Storage() => new("--storage")
    {
        Description = $"Storage connection string, or an account's blob endpoint (https://ACCOUNT.blob.core.windows.net) to connect with your Azure identity (or set {StorageEnvironmentVariable}). 'UseDevelopmentStorage=true' means a local Azurite on the default ports.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log what the pipeline does to stderr.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON instead of text.",
    };

    /// <summary>A usage error naming every file that does not exist.</summary>
    public static void RequireFiles(IEnumerable<string> paths)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0) throw new UsageException($"File not found: {string.Join(", ", missing)}");
    }

    /// <summary>The connection string from --storage or the environment, or a usage error naming both.</summary>
    public static string RequireStorage(string? option)
    {
        var value = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(StorageEnvironmentVariable) : option;
        if (string.IsNullOrWhiteSpace(value))
            throw new UsageException($"No storage given: pass --storage CONNECTION or set {StorageEnvironmentVariable}.");
        return value;
    }
}
