using Microsoft.Extensions.Logging;
using Reporting.Domain.Validation;
using Reporting.Excel.Registry;
using Reporting.Storage;
using Reporting.Storage.Registry;

namespace Reporting.Application.Registry;

/// <summary>The result of importing a registry workbook: what changed, or why nothing did (every issue of the file).</summary>
public sealed record RegistryImport(bool Valid, RegistryImportResult? Result, ValidationReport Validation);

/// <summary>
/// Loads the registry workbook into the registry tables: all or nothing (an invalid file changes
/// nothing), and only differences are written, so importing the same file again changes nothing.
/// </summary>
public sealed partial class RegistryImportService(RegistryWorkbookParser parser, RegistryStore store, StorageInitializer storage, ILogger<RegistryImportService> logger)
{
    public async Task<RegistryImport> ImportAsync(Stream workbook, CancellationToken cancellationToken)
    {
        var parsed = parser.Parse(workbook);
        if (!parsed.IsValid) return new RegistryImport(false, null, parsed.Validation);

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = await store.ImportAsync(parsed.Registry!, cancellationToken).ConfigureAwait(false);
        LogImported(logger, result.Version, result.Changed);
        return new RegistryImport(true, result, parsed.Validation);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry {Version} imported (changed: {Changed})")]
    private static partial void LogImported(ILogger logger, string version, bool changed);
}
