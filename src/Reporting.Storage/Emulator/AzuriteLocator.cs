namespace Reporting.Storage.Emulator;

/// <summary>
/// Finds the Azurite entry script installed by <c>npm ci --prefix tools/azurite</c>, or one named by the
/// AZURITE_PATH environment variable, or an <c>azurite</c> command on PATH.
/// </summary>
public static class AzuriteLocator
{
    public const string EnvironmentVariable = "AZURITE_PATH";
    private static readonly string[] RelativeScript = ["tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js"];

    /// <summary>Returns the program to run and the arguments that precede Azurite's own, or null.</summary>
    public static AzuriteCommand? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
                ? new AzuriteCommand("node", [configured])
                : new AzuriteCommand(configured, []);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var script = Path.Combine([dir.FullName, .. RelativeScript]);
                if (File.Exists(script)) return new AzuriteCommand("node", [script]);
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "azurite");
            if (File.Exists(candidate)) return new AzuriteCommand(candidate, []);
        }

        return null;
    }

    public static string NotFoundMessage =>
        "Azurite was not found. Install it with `npm ci --prefix tools/azurite` from the repository root, " +
        $"or set {EnvironmentVariable} to its azurite.js, or pass --storage with a connection string.";
}

public sealed record AzuriteCommand(string Program, IReadOnlyList<string> LeadingArguments);
