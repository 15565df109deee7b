using Reporting.Domain;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Reporting.Application.Ingestion;

namespace Reporting.Functions;

/// <summary>
/// A miner's upload arrives (Event Grid BlobCreated on the uploads container): hand it to the upload
/// processor. Invalid files become rejected submissions inside the processor; only transient storage
/// faults throw, so the host retries (and parks the blob after host.json's poison threshold). The
/// reconciliation timer's sweep picks up anything an event missed.
/// </summary>
public sealed partial class ProcessUpload(UploadProcessor processor, ILogger<ProcessUpload> logger)
{
    [Function(nameof(ProcessUpload))]
    public async Task RunAsync(
        [BlobTrigger("uploads/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        var outcome = await processor.ProcessBlobAsync(name, cancellationToken);
        LogOutcome(logger, name, outcome.Status.Code(), outcome.Licence, outcome.Period, outcome.Errors, outcome.Warnings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Name}: {Status} (licence {Licence}, period {Period}, {Errors} errors, {Warnings} warnings)")]
    private static partial void LogOutcome(ILogger logger, string name, string status, string? licence, string? period, int errors, int warnings);
}
