using System.ComponentModel.DataAnnotations;

namespace Reporting.Storage;

/// <summary>
/// Where the pipeline's blobs and tables live. Either a connection string (Azurite, local runs) or
/// service URIs with a managed identity (production, where shared keys are disabled).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c> or Azurite's full string.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty means DefaultAzureCredential's choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Prefix for every container and table name, so several environments (or test runs) can share one
    /// account. Lower-case letters and digits only, because table names allow nothing else.
    /// </summary>
    [RegularExpression("^[a-z][a-z0-9]{0,15}$|^$", ErrorMessage = "Storage:NamePrefix must be empty or 1-16 lower-case letters and digits, starting with a letter.")]
    public string NamePrefix { get; set; } = "";

    /// <summary>Retries of a failed storage request before the fault is reported (exponential back-off).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones double.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Time allowed for one storage request.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasUris = BlobServiceUri is not null || TableServiceUri is not null || QueueServiceUri is not null;
        if (!hasConnectionString && !hasUris)
        {
            yield return new ValidationResult(
                "Storage is not configured: set Storage:ConnectionString (or --storage / REPORTING_STORAGE), " +
                "or Storage:BlobServiceUri, Storage:TableServiceUri and Storage:QueueServiceUri for an identity-based connection.",
                [nameof(ConnectionString)]);
        }
        else if (!hasConnectionString && (BlobServiceUri is null || TableServiceUri is null || QueueServiceUri is null))
        {
            yield return new ValidationResult(
                "An identity-based connection needs Storage:BlobServiceUri, Storage:TableServiceUri and Storage:QueueServiceUri.",
                [nameof(BlobServiceUri), nameof(TableServiceUri), nameof(QueueServiceUri)]);
        }
        else if (hasConnectionString && ConnectionStringProblem(ConnectionString!) is { } problem)
        {
            yield return new ValidationResult($"Storage:ConnectionString is not a valid storage connection string: {problem}", [nameof(ConnectionString)]);
        }
    }

    /// <summary>Why the clients refuse the connection string (malformed, a key that is not base64), or null when they accept it.</summary>
    private static string? ConnectionStringProblem(string connectionString)
    {
        try
        {
            _ = new Azure.Storage.Blobs.BlobServiceClient(connectionString);
            _ = new Azure.Data.Tables.TableServiceClient(connectionString);
            _ = new Azure.Storage.Queues.QueueServiceClient(connectionString);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return e.Message;
        }
    }
}
