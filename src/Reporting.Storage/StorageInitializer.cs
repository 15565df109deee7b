using Azure;
using Microsoft.Extensions.Logging;

namespace Reporting.Storage;

/// <summary>Creates every container, table and queue of the layout if missing (idempotent).</summary>
public sealed partial class StorageInitializer(StorageClients clients, ILogger<StorageInitializer> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _done;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_done) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_done) return;
            foreach (var name in clients.Layout.Containers)
            {
                var response = await clients.Blobs.GetBlobContainerClient(name)
                    .CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response is not null) LogCreated(logger, "container", name);
            }

            foreach (var name in clients.Layout.Tables)
            {
                try
                {
                    var response = await clients.Tables.CreateTableIfNotExistsAsync(name, cancellationToken).ConfigureAwait(false);
                    if (response.GetRawResponse().Status == 204 || response.GetRawResponse().Status == 201) LogCreated(logger, "table", name);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // Created concurrently by another worker: fine.
                }
            }

            foreach (var name in clients.Layout.Queues)
            {
                var response = await clients.Queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response is not null) LogCreated(logger, "queue", name);
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Kind} {Name}")]
    private static partial void LogCreated(ILogger logger, string kind, string name);
}
