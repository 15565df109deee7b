using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Text;

namespace Reporting.Storage.Reconciliation;

/// <summary>What one run of a month's reconciliation against one source did: its state, and its findings (current, new, resolved).</summary>
public sealed record ReconciliationRun(Month Month, FindingSource Source, DateTimeOffset At, SourceState State, Message? Detail, int Findings, int Added, int Removed, string? Batch = null);

/// <summary>
/// What one run evaluated of a source: all its findings for the month, except those of the licences whose data could
/// not be fetched (their earlier findings from that source stay as they are).
/// </summary>
public sealed record FindingScope(FindingSource Source, IReadOnlySet<string>? SkippedLicences = null)
{
    public bool Covers(string? licence) => SkippedLicences is null || licence is null || !SkippedLicences.Contains(licence);
}

/// <summary>
/// Findings (PK month, RK licence|code|kind|subject: the same finding always lands on the same row, so
/// re-running creates no duplicates) and the history of runs (ReconciliationRuns, PK month). A run replaces
/// the findings only of the sources (and licences) it could reach; an unreachable one's earlier findings stay.
/// A finding that a later run no longer finds (a corrected report) is kept, marked resolved with the time, for the
/// audit trail; it is no longer listed as current, and comes back if it is found again.
/// </summary>
public sealed class FindingStore(StorageClients clients)
{
    private TableClient Findings => clients.Table(TableName.Findings);
    private TableClient Runs => clients.Table(TableName.ReconciliationRuns);

    /// <summary>
    /// Makes the current findings of the given scopes for the month equal <paramref name="findings"/>; unchanged rows are
    /// not rewritten and no row is deleted, so runs that overlap (a doubled timer tick) cannot fail each other.
    /// Returns how many findings are new and how many were resolved.
    /// </summary>
    public async Task<(int Added, int Resolved)> ReplaceAsync(Month month, IReadOnlyCollection<FindingScope> scopes, IReadOnlyList<Finding> findings,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = month.ToString();
        var existing = new Dictionary<string, FindingEntity>(StringComparer.Ordinal);
        await foreach (var entity in Findings.QueryAsync<FindingEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            existing[entity.RowKey] = entity;

        var bySource = scopes.ToDictionary(s => s.Source);
        var batch = new PartitionBatch(partition);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        foreach (var finding in findings.Where(f => bySource.TryGetValue(f.Source, out var scope) && scope.Covers(f.Licence)))
        {
            var entity = ToEntity(partition, finding);
            if (!wanted.Add(entity.RowKey)) continue;
            var old = existing.GetValueOrDefault(entity.RowKey);
            if (old is not null && old.ResolvedAt is null && Same(old, entity)) continue;
            if (old is null || old.ResolvedAt is not null) added++;
            batch.Add(TableTransactionActionType.UpsertReplace, entity);
        }

        var resolved = 0;
        foreach (var (rowKey, entity) in existing)
        {
            if (wanted.Contains(rowKey) || entity.ResolvedAt is not null || !EnumCodes.TryParse<FindingSource>(entity.Source, out var source) ||
                !bySource.TryGetValue(source, out var scope) || !scope.Covers(entity.Licence))
            {
                continue;
            }

            batch.Add(TableTransactionActionType.UpsertMerge, new FindingResolution { PartitionKey = partition, RowKey = rowKey, ResolvedAt = at.ToUniversalTime() });
            resolved++;
        }

        await batch.SubmitAsync(Findings, cancellationToken).ConfigureAwait(false);
        return (added, resolved);
    }

    /// <summary>The month's findings that were found again by the latest run that covered them (resolved ones are left out).</summary>
    public async Task<IReadOnlyList<Finding>> ListAsync(Month month, CancellationToken cancellationToken)
    {
        var list = new List<Finding>();
        await foreach (var entity in Findings.QueryAsync<FindingEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.ResolvedAt is null) list.Add(Read(entity));
        }

        return list;
    }

    public async Task<IReadOnlyList<Finding>> ListAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        // The three months are independent partitions: read at once.
        var months = await Task.WhenAll(quarter.Months.Select(m => ListAsync(m, cancellationToken))).ConfigureAwait(false);
        return months.SelectMany(m => m).ToArray();
    }

    /// <summary>
    /// Records a run. A run of a queued unit is keyed by its source and batch and written once: a redelivered message finds
    /// it written (the first delivery's counts stand). A run by hand gets a new row.
    /// </summary>
    public async Task RecordRunAsync(ReconciliationRun run, CancellationToken cancellationToken)
    {
        var at = run.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        var entity = new ReconciliationRunEntity
        {
            PartitionKey = run.Month.ToString(),
            RowKey = $"{run.Source.Code()}|{run.Batch ?? at + "-" + Guid.NewGuid().ToString("N")[..8]}",
            At = run.At.ToUniversalTime(),
            Source = run.Source.Code(),
            State = run.State.Code(),
            Detail = run.Detail is null ? null : MessageJson.Serialize(run.Detail),
            Batch = run.Batch,
            Findings = run.Findings,
            Added = run.Added,
            Removed = run.Removed,
        };
        try
        {
            await Runs.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409 && run.Batch is not null)
        {
            // The same unit's run, recorded by an earlier delivery of its message.
        }
    }

    /// <summary>Every run of the month, oldest first.</summary>
    public async Task<IReadOnlyList<ReconciliationRun>> ListRunsAsync(Month month, CancellationToken cancellationToken)
    {
        var runs = new List<ReconciliationRun>();
        await foreach (var e in Runs.QueryAsync<ReconciliationRunEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ReconciliationRun(month, EnumCodes.Parse<FindingSource>(e.Source), e.At, EnumCodes.Parse<SourceState>(e.State),
                e.Detail is null ? null : MessageJson.Deserialize(e.Detail), e.Findings, e.Added, e.Removed, e.Batch));
        }

        return runs.OrderBy(r => r.At).ThenBy(r => r.Source).ToArray();
    }

    /// <summary>The latest run of each source in the month: how complete the month's reconciliation is now.</summary>
    public async Task<IReadOnlyDictionary<FindingSource, ReconciliationRun>> LatestRunsAsync(Month month, CancellationToken cancellationToken) =>
        (await ListRunsAsync(month, cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Last());

    private static FindingEntity ToEntity(string partition, Finding f) => new()
    {
        PartitionKey = partition,
        RowKey = KeyEncoding.Escape(f.Key),
        Code = f.Code,
        Licence = f.Licence,
        Kind = f.Kind.Code(),
        Subject = f.Subject,
        Message = MessageJson.Serialize(f.Message),
        Figures = JsonSerializer.Serialize(f.Figures.Select(x => new[] { x.Name, TableValues.Decimal(x.Value), x.Unit })),
        Source = f.Source.Code(),
    };

    private static Finding Read(FindingEntity e) => new(
        MessageJson.Deserialize(e.Message),
        e.Licence,
        Month.Parse(e.PartitionKey),
        EnumCodes.Parse<FindingKind>(e.Kind),
        e.Subject,
        (JsonSerializer.Deserialize<string[][]>(e.Figures) ?? []).Select(f => new Figure(f[0], TableValues.ParseDecimal(f[1]), f[2])).ToArray(),
        EnumCodes.Parse<FindingSource>(e.Source));

    /// <summary>The same finding as stored (everything but the keys and the resolution).</summary>
    private static bool Same(FindingEntity a, FindingEntity b) =>
        a.Code == b.Code && a.Licence == b.Licence && a.Kind == b.Kind && a.Subject == b.Subject && a.Message == b.Message && a.Figures == b.Figures && a.Source == b.Source;
}
