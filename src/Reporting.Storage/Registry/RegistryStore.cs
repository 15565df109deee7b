using Azure;
using Azure.Data.Tables;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;

namespace Reporting.Storage.Registry;

/// <summary>What an import changed, per table.</summary>
public sealed record TableChanges(string Table, int Added, int Updated, int Removed, int Unchanged);

public sealed record RegistryImportResult(string Version, string? PreviousVersion, IReadOnlyList<TableChanges> Tables)
{
    public bool Changed => Tables.Any(t => t.Added + t.Updated + t.Removed > 0);
}

/// <summary>
/// The registry tables: Licences (PK "licence", RK number), Quotas (PK licence, RK month), Equipment
/// (PK licence, RK serial), Exchanges (PK "aifc", RK code), and the imported version (Licences, PK "~meta").
/// An import writes only differences, so importing the same file twice changes nothing.
/// </summary>
public sealed class RegistryStore(StorageClients clients, TimeProvider time)
{
    private const string LicencePartition = "licence";
    private const string ExchangePartition = "aifc";
    private const string MetaPartition = "~meta";
    private const string MetaRow = "registry";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _cached;

    private sealed record Snapshot(string Version, IReadOnlyList<Licence> Licences, IReadOnlyList<AifcExchange> Exchanges, DateTimeOffset LoadedAt);

    public async Task<RegistryImportResult> ImportAsync(Domain.Registry.Registry registry, CancellationToken cancellationToken)
    {
        var version = RegistryFingerprint.Of(registry);
        var previous = await GetVersionAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<TableChanges>
        {
            await SyncAsync(TableName.Licences, registry.Licences.Select(ToEntity), e => e.PartitionKey == LicencePartition, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Quotas, registry.Quotas.Select(ToEntity), _ => true, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Equipment, registry.Equipment.Select(ToEntity), _ => true, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Exchanges, registry.Exchanges.Select(ToEntity), _ => true, cancellationToken).ConfigureAwait(false),
        };

        if (version != previous)
        {
            await clients.Table(TableName.Licences).UpsertEntityAsync(new TableEntity(MetaPartition, MetaRow)
            {
                ["Version"] = version,
                ["ImportedAt"] = time.GetUtcNow(),
                ["Licences"] = registry.Licences.Count,
                ["Quotas"] = registry.Quotas.Count,
            }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        _cached = null;
        return new RegistryImportResult(version, previous, changes);
    }

    /// <summary>The version of the last import, or null before any.</summary>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        var meta = await clients.Table(TableName.Licences).GetEntityIfExistsAsync<TableEntity>(MetaPartition, MetaRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return meta.HasValue ? meta.Value!.GetString("Version") : null;
    }

    /// <summary>All licences and exchanges with the registry version (cached briefly: the registry changes rarely).</summary>
    public async Task<(string Version, IReadOnlyList<Licence> Licences, IReadOnlyList<AifcExchange> Exchanges)> GetLicencesAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && time.GetUtcNow() - cached.LoadedAt < CacheFor) return (cached.Version, cached.Licences, cached.Exchanges);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _cached;
            if (cached is not null && time.GetUtcNow() - cached.LoadedAt < CacheFor) return (cached.Version, cached.Licences, cached.Exchanges);
            // Three independent reads, at once.
            var versionRead = GetVersionAsync(cancellationToken);
            var licencesRead = ReadAllAsync(TableName.Licences, LicencePartition, ReadLicence, cancellationToken);
            var exchangesRead = ReadAllAsync(TableName.Exchanges, ExchangePartition, e => new AifcExchange(e.GetString("Code"), e.GetString("Name")), cancellationToken);
            await Task.WhenAll(versionRead, licencesRead, exchangesRead).ConfigureAwait(false);
            var version = await versionRead.ConfigureAwait(false) ?? "registry-none";
            var (licences, exchanges) = (await licencesRead.ConfigureAwait(false), await exchangesRead.ConfigureAwait(false));
            _cached = new Snapshot(version, licences, exchanges, time.GetUtcNow());
            return (version, licences, exchanges);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<T>> ReadAllAsync<T>(TableName table, string partition, Func<TableEntity, T> read, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var e in clients.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(read(e));

        return list;
    }

    /// <summary>The registry as one licence's assessment needs it: all licences and exchanges, and that licence's quotas and equipment.</summary>
    public async Task<(string Version, Domain.Registry.Registry Registry)> ForLicenceAsync(string licence, CancellationToken cancellationToken)
    {
        var (version, licences, exchanges) = await GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyEncoding.Escape(licence.ToUpperInvariant());
        var quotas = new List<GridQuota>();
        await foreach (var e in clients.Table(TableName.Quotas).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            quotas.Add(new GridQuota(e.GetString("Licence"), Month.Parse(e.RowKey), TableValues.ParseDecimal(e.GetString("Kwh"))));
        var equipment = new List<Equipment>();
        await foreach (var e in clients.Table(TableName.Equipment).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            equipment.Add(new Equipment(e.GetString("Licence"), e.GetString("Model"), e.GetString("Serial"), TableValues.ParseDecimal(e.GetString("RatedPowerW")), e.GetInt32("Units") ?? 0));
        return (version, new Domain.Registry.Registry(licences, quotas, equipment, exchanges));
    }

    /// <summary>Makes a table hold exactly the desired entities (within the rows <paramref name="owned"/> selects).</summary>
    private async Task<TableChanges> SyncAsync(TableName name, IEnumerable<TableEntity> desired, Func<TableEntity, bool> owned, CancellationToken cancellationToken)
    {
        var table = clients.Table(name);
        var existing = new Dictionary<(string, string), TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values.Where(owned)) existing[(entity.PartitionKey, entity.RowKey)] = entity;
        }

        var batches = new Dictionary<string, PartitionBatch>(StringComparer.Ordinal);
        PartitionBatch Batch(string pk) => batches.TryGetValue(pk, out var b) ? b : batches[pk] = new PartitionBatch(pk);
        int added = 0, updated = 0, unchanged = 0;
        var wanted = new HashSet<(string, string)>();
        foreach (var entity in desired)
        {
            if (!wanted.Add((entity.PartitionKey, entity.RowKey))) continue;
            if (!existing.TryGetValue((entity.PartitionKey, entity.RowKey), out var old))
            {
                Batch(entity.PartitionKey).Add(TableTransactionActionType.UpsertReplace, entity);
                added++;
            }
            else if (!SameProperties(entity, old))
            {
                Batch(entity.PartitionKey).Add(TableTransactionActionType.UpsertReplace, entity);
                updated++;
            }
            else
            {
                unchanged++;
            }
        }

        var removed = 0;
        foreach (var key in existing.Keys.Where(k => !wanted.Contains(k)))
        {
            Batch(key.Item1).Add(TableTransactionActionType.Delete, new TableEntity(key.Item1, key.Item2) { ETag = ETag.All });
            removed++;
        }

        foreach (var batch in batches.Values) await batch.SubmitAsync(table, cancellationToken).ConfigureAwait(false);
        return new TableChanges(name.ToString(), added, updated, removed, unchanged);
    }

    private static bool SameProperties(TableEntity desired, TableEntity existing)
    {
        // Null properties are not stored, so compare only the ones with values.
        static Dictionary<string, object> Values(TableEntity entity) => entity
            .Where(p => p.Value is not null && p.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
            .ToDictionary(p => p.Key, p => Normalize(p.Value)!, StringComparer.Ordinal);

        var a = Values(desired);
        var b = Values(existing);
        return a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Equals(p.Value, other));
    }

    private static object? Normalize(object? value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(d.ToUniversalTime()),
        long l => l,
        int i => (long)i,
        _ => value,
    };

    private static TableEntity ToEntity(Licence l) => new(LicencePartition, KeyEncoding.Escape(l.Number.ToUpperInvariant()))
    {
        ["Licence"] = l.Number,
        ["Bin"] = l.Bin,
        ["Company"] = l.Company,
        ["Subtype"] = l.Subtype.ToString(),
        ["Zone"] = l.Zone.ToString(),
        ["ValidFrom"] = TableValues.Date(l.ValidFrom),
        ["ValidTo"] = TableValues.Date(l.ValidTo),
        ["Status"] = l.Status.ToString().ToLowerInvariant(),
        ["StatusSince"] = TableValues.Date(l.StatusSince),
    };

    private static Licence ReadLicence(TableEntity e) => new(
        e.GetString("Licence"),
        e.GetString("Bin"),
        e.GetString("Company"),
        Enum.Parse<LicenceSubtype>(e.GetString("Subtype")),
        Enum.Parse<Zone>(e.GetString("Zone")),
        TableValues.ParseDate(e.GetString("ValidFrom")),
        TableValues.ParseDate(e.GetString("ValidTo")),
        Enum.Parse<LicenceStatus>(e.GetString("Status"), ignoreCase: true),
        TableValues.ParseNullableDate(e.GetString("StatusSince")));

    private static TableEntity ToEntity(GridQuota q) => new(KeyEncoding.Escape(q.Licence.ToUpperInvariant()), q.Month.ToString())
    {
        ["Licence"] = q.Licence,
        ["Kwh"] = TableValues.Decimal(q.Kwh),
    };

    private static TableEntity ToEntity(Equipment e) => new(KeyEncoding.Escape(e.Licence.ToUpperInvariant()), KeyEncoding.Escape(e.Serial))
    {
        ["Licence"] = e.Licence,
        ["Model"] = e.Model,
        ["Serial"] = e.Serial,
        ["RatedPowerW"] = TableValues.Decimal(e.RatedPowerW),
        ["Units"] = e.Units,
    };

    private static TableEntity ToEntity(AifcExchange x) => new(ExchangePartition, KeyEncoding.Escape(x.Code.ToUpperInvariant()))
    {
        ["Code"] = x.Code,
        ["Name"] = x.Name,
    };
}
