using System.CommandLine;
using Reporting.Domain.Text;

namespace Reporting.Cli;

/// <summary>Options shared by the commands, and the checks of what they name.</summary>
internal static class CommonOptions
{
    public const string StorageEnvironmentVariable = "REPORTING_STORAGE";

    /// <summary>The language of the human output, on every command (read before parsing, see ReportingCommandLine).</summary>
    public static Option<string?> Lang() => new("--lang")
    {
        Recursive = true,
    };

    public static Option<string?> Storage() => new("--storage");

    public static Option<bool> Verbose() => new("--verbose", "-v");

    public static Option<bool> Json() => new("--json");

    /// <summary>A usage error naming every file that does not exist.</summary>
    public static void RequireFiles(CliConsole console, IEnumerable<string> paths)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0) throw new UsageException(console.Say(CliTexts.FileNotFound.With(("files", MessageValue.Texts(missing)))));
    }

    /// <summary>The connection string from --storage or the environment, or a usage error naming both.</summary>
    public static string RequireStorage(CliConsole console, string? option)
    {
        var value = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(StorageEnvironmentVariable) : option;
        if (string.IsNullOrWhiteSpace(value)) throw new UsageException(console.Say(CliTexts.NoStorage.With(("variable", StorageEnvironmentVariable))));
        return value;
    }

    /// <summary>A file to write: its folder must exist and it must not be a folder itself (checked before any work).</summary>
    public static string RequireWritablePath(CliConsole console, string path)
    {
        if (Directory.Exists(path)) throw new UsageException(console.Say(CliTexts.OutIsFolder.With(("path", path))));
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory)) throw new UsageException(console.Say(CliTexts.FolderNotFound.With(("folder", directory))));
        return path;
    }

    /// <summary>Writes a file, turning a refusal of the file system into one clear line (<see cref="CannotWriteException"/>).</summary>
    public static async Task WriteFileAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CannotWriteException(path, e);
        }
    }
}
