using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Text;

namespace Reporting.Storage.Work;

/// <summary>What happened to a unit the last time it ran.</summary>
public enum WorkUnitState
{
    /// <summary>Started and not finished (still running, or its worker died: the message comes back).</summary>
    Running,

    Done,

    /// <summary>Failed; the message comes back for another attempt.</summary>
    Failed,

    /// <summary>Failed on its last allowed attempt: its message is in the poison queue until `reporting retry`.</summary>
    Poisoned,
}

/// <summary>The last recorded run of a unit of work; <c>Detail</c> says what it did or why it failed.</summary>
public sealed record WorkUnitStatus(WorkQueue Queue, string Target, string Batch, WorkUnitState State, long Attempt, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, Message? Detail);

/// <summary>The WorkUnits table: one row per unit (queue, target), overwritten by each run, so its size follows the work, not time.</summary>
public sealed class WorkUnitStore(StorageClients clients)
{
    private TableClient Table => clients.Table(TableName.WorkUnits);

    public async Task RecordAsync(WorkUnitStatus status, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new WorkUnitEntity
        {
            PartitionKey = status.Queue.Code(),
            RowKey = KeyEncoding.Escape(status.Target),
            Target = status.Target,
            Batch = status.Batch,
            State = status.State.Code(),
            Attempt = status.Attempt,
            StartedAt = status.StartedAt.ToUniversalTime(),
            FinishedAt = status.FinishedAt?.ToUniversalTime(),
            Detail = status.Detail is null ? null : MessageJson.Serialize(status.Detail),
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<WorkUnitStatus>> ListAsync(WorkQueue queue, CancellationToken cancellationToken)
    {
        var list = new List<WorkUnitStatus>();
        await foreach (var e in Table.QueryAsync<WorkUnitEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue.Code()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new WorkUnitStatus(queue, e.Target, e.Batch, EnumCodes.Parse<WorkUnitState>(e.State), e.Attempt, e.StartedAt, e.FinishedAt, e.Detail is null ? null : MessageJson.Deserialize(e.Detail)));
        }

        return list;
    }

    /// <summary>Every unit whose last run ended in the poison queue.</summary>
    public async Task<IReadOnlyList<WorkUnitStatus>> ListPoisonedAsync(CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(Enum.GetValues<WorkQueue>().Select(q => ListAsync(q, cancellationToken))).ConfigureAwait(false);
        return all.SelectMany(l => l).Where(s => s.State == WorkUnitState.Poisoned).OrderBy(s => s.Queue).ThenBy(s => s.Target, StringComparer.Ordinal).ToArray();
    }
}
