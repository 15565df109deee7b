using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;

namespace Reporting.Web.Uploads;

/// <summary>Told of every upload the portal stored, after it answered nothing yet about processing.</summary>
public interface IUploadReceipts
{
    void Received(string blobName);
}

/// <summary>Production: Event Grid's BlobCreated triggers ProcessUpload; the portal has nothing to do.</summary>
public sealed class ProcessedByEventGrid : IUploadReceipts
{
    public void Received(string blobName)
    {
    }
}

/// <summary>
/// `reporting serve`: there is no Event Grid locally, so each stored upload is processed right away, in the background,
/// through the same UploadProcessor (idempotent: the sweep finding it again changes nothing). The page polls for it.
/// Up to <see cref="IngestionOptions.MaxParallelism"/> uploads at once, as Event Grid delivers them to the Functions app
/// in parallel (the processor is safe for many uploads of one licence at once; docs/storage.md): one at a time, a
/// deadline rush would queue every miner behind the others.
/// </summary>
public sealed partial class ProcessOnReceipt(IServiceProvider services, IOptions<IngestionOptions> options, ILogger<ProcessOnReceipt> logger)
    : BackgroundService, IUploadReceipts
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();

    public void Received(string blobName) => _queue.Writer.TryWrite(blobName);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var processor = services.GetRequiredService<UploadProcessor>();
        return Task.WhenAll(Enumerable.Range(0, options.Value.MaxParallelism).Select(_ => ConsumeAsync(processor, stoppingToken)));
    }

    private async Task ConsumeAsync(UploadProcessor processor, CancellationToken stoppingToken)
    {
        await foreach (var name in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var outcome = await processor.ProcessBlobAsync(name, stoppingToken).ConfigureAwait(false);
                LogProcessed(logger, name, outcome.Status.ToString());
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Left for the sweep, which retries it; logged with its stack.
                LogFailed(logger, e, name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {Blob} processed on receipt: {Status}")]
    private static partial void LogProcessed(ILogger logger, string blob, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {Blob} could not be processed on receipt; the sweep will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string blob);
}
