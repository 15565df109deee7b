using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;

namespace Reporting.Storage.Reconciliation;

/// <summary>What one reconciliation run of a month did, per source.</summary>
public sealed record ReconciliationRun(Month Month, DateTimeOffset At, IReadOnlyDictionary<string, string> Sources, int Findings, int Added, int Removed);

/// <summary>
/// Findings (PK month, RK licence|code|kind|subject: the same finding always lands on the same row, so
/// re-running creates no duplicates) and the history of runs (ReconciliationRuns, PK month). A run replaces
/// the findings only of the sources it could reach; an unavailable source's earlier findings stay.
/// </summary>
public sealed class FindingStore(StorageClients clients)
{
    private TableClient Findings => clients.Table(TableName.Findings);
    private TableClient Runs => clients.Table(TableName.ReconciliationRuns);

    /// <summary>Makes the stored findings of the given sources for the month equal <paramref name="findings"/>; unchanged rows are not rewritten.</summary>
    public async Task<(int Added, int Removed)> ReplaceAsync(Month month, IReadOnlyCollection<FindingSource> sources, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var partition = month.ToString();
        var existing = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in Findings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            existing[entity.RowKey] = entity;

        var batch = new PartitionBatch(partition);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var added = 0;
        foreach (var finding in findings.Where(f => sources.Contains(f.Source)))
        {
            var entity = ToEntity(partition, finding);
            if (!wanted.Add(entity.RowKey)) continue;
            if (existing.TryGetValue(entity.RowKey, out var old) && Same(old, entity)) continue;
            if (old is null) added++;
            batch.Add(TableTransactionActionType.UpsertReplace, entity);
        }

        var removed = 0;
        foreach (var (rowKey, entity) in existing)
        {
            if (wanted.Contains(rowKey) || !Enum.TryParse<FindingSource>(entity.GetString("Source"), out var source) || !sources.Contains(source)) continue;
            batch.Add(TableTransactionActionType.Delete, new TableEntity(partition, rowKey) { ETag = ETag.All });
            removed++;
        }

        await batch.SubmitAsync(Findings, cancellationToken).ConfigureAwait(false);
        return (added, removed);
    }

    public async Task<IReadOnlyList<Finding>> ListAsync(Month month, CancellationToken cancellationToken)
    {
        var list = new List<Finding>();
        await foreach (var entity in Findings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(Read(entity));
        return list;
    }

    public async Task<IReadOnlyList<Finding>> ListAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var list = new List<Finding>();
        foreach (var month in quarter.Months) list.AddRange(await ListAsync(month, cancellationToken).ConfigureAwait(false));
        return list;
    }

    public async Task RecordRunAsync(ReconciliationRun run, CancellationToken cancellationToken) =>
        await Runs.AddEntityAsync(new TableEntity(run.Month.ToString(), run.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["At"] = run.At.ToUniversalTime(),
            ["Sources"] = JsonSerializer.Serialize(run.Sources),
            ["Findings"] = run.Findings,
            ["Added"] = run.Added,
            ["Removed"] = run.Removed,
        }, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ReconciliationRun>> ListRunsAsync(Month month, CancellationToken cancellationToken)
    {
        var runs = new List<ReconciliationRun>();
        await foreach (var e in Runs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new ReconciliationRun(month, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                JsonSerializer.Deserialize<Dictionary<string, string>>(e.GetString("Sources") ?? "{}")!, e.GetInt32("Findings") ?? 0, e.GetInt32("Added") ?? 0, e.GetInt32("Removed") ?? 0));
        }

        return runs.OrderBy(r => r.At).ToArray();
    }

    private static TableEntity ToEntity(string partition, Finding f) => new(partition, KeyEncoding.Escape(f.Key))
    {
        ["Code"] = f.Code,
        ["Licence"] = f.Licence,
        ["Kind"] = f.Kind.ToString(),
        ["Subject"] = f.Subject,
        ["Message"] = f.Message,
        ["Figures"] = JsonSerializer.Serialize(f.Figures.Select(x => new[] { x.Name, TableValues.Decimal(x.Value), x.Unit })),
        ["Source"] = f.Source.ToString(),
    };

    private static Finding Read(TableEntity e) => new(
        e.GetString("Code"),
        e.GetString("Licence"),
        Month.Parse(e.PartitionKey),
        Enum.Parse<FindingKind>(e.GetString("Kind")),
        e.GetString("Subject"),
        e.GetString("Message") ?? "",
        JsonSerializer.Deserialize<string[][]>(e.GetString("Figures") ?? "[]")!.Select(f => new Figure(f[0], TableValues.ParseDecimal(f[1]), f[2])).ToArray(),
        Enum.Parse<FindingSource>(e.GetString("Source")));

    private static bool Same(TableEntity a, TableEntity b) =>
        new[] { "Code", "Licence", "Kind", "Subject", "Message", "Figures", "Source" }.All(k => Equals(a.GetString(k), b.GetString(k)));
}
