using Azure.Storage.Queues;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Reporting.Storage;

/// <summary>The blob and table service clients for the configured account, and the layout's names.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
        : this(options.Value)
    {
    }

    /// <param name="options">The account and retry settings.</param>
    /// <param name="perRetryPolicies">Extra pipeline policies run for every request sent, retries included
    /// (the benchmarks count storage round trips with one).</param>
    public StorageClients(StorageOptions options, params IReadOnlyList<HttpPipelinePolicy> perRetryPolicies)
    {
        Layout = new StorageLayout(options.NamePrefix);
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        // Base64, as the Functions host's queue trigger expects by default (host.json queues.messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        foreach (var policy in perRetryPolicies)
        {
            blobOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            tableOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            queueOptions.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        foreach (var retry in new[] { blobOptions.Retry, tableOptions.Retry, queueOptions.Retry })
        {
            retry.MaxRetries = options.MaxRetries;
            retry.Delay = options.RetryDelay;
            retry.Mode = RetryMode.Exponential;
            retry.NetworkTimeout = options.NetworkTimeout;
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
            Tables = new TableServiceClient(options.ConnectionString, tableOptions);
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
        }
        else
        {
            TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
            Blobs = new BlobServiceClient(options.BlobServiceUri ?? throw new InvalidOperationException("Storage:BlobServiceUri is not set."), credential, blobOptions);
            Tables = new TableServiceClient(options.TableServiceUri ?? throw new InvalidOperationException("Storage:TableServiceUri is not set."), credential, tableOptions);
            Queues = new QueueServiceClient(options.QueueServiceUri ?? throw new InvalidOperationException("Storage:QueueServiceUri is not set."), credential, queueOptions);
        }
    }

    public StorageLayout Layout { get; }
    public BlobServiceClient Blobs { get; }
    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }

    public BlobContainerClient Uploads => Blobs.GetBlobContainerClient(Layout.UploadsContainer);
    public BlobContainerClient Feedback => Blobs.GetBlobContainerClient(Layout.FeedbackContainer);
    public BlobContainerClient Reports => Blobs.GetBlobContainerClient(Layout.ReportsContainer);
    public BlobContainerClient Records => Blobs.GetBlobContainerClient(Layout.RecordsContainer);

    public TableClient Table(TableName name) => Tables.GetTableClient(Layout.Table(name));

    public QueueClient Queue(WorkQueue queue) => Queues.GetQueueClient(Layout.Queue(queue));

    public QueueClient PoisonQueue(WorkQueue queue) => Queues.GetQueueClient(Layout.PoisonQueue(queue));
}
