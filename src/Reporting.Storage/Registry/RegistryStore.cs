using Azure;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Text;

namespace Reporting.Storage.Registry;

/// <summary>What an import changed, per table.</summary>
public sealed record TableChanges(string Table, int Added, int Updated, int Removed, int Unchanged);

public sealed record RegistryImportResult(string Version, string? PreviousVersion, IReadOnlyList<TableChanges> Tables)
{
    public bool Changed => Tables.Any(t => t.Added + t.Updated + t.Removed > 0);
}

/// <summary>
/// The registry tables: Licences (PK "licence", RK number), Quotas (PK licence, RK month), Equipment (PK licence, RK
/// serial), Exchanges (PK "aifc", RK code), Users (PK "user", RK identity), and the imported version (Licences, PK
/// "~meta"). An import writes only differences, so importing the same file twice changes nothing.
/// </summary>
public sealed class RegistryStore(StorageClients clients, TimeProvider time)
{
    private const string LicencePartition = "licence";
    private const string ExchangePartition = "aifc";
    private const string UserPartition = "user";
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
            await SyncAsync(TableName.Licences, registry.Licences.Select(ToEntity), LicencePartition, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Quotas, registry.Quotas.Select(ToEntity), null, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Equipment, registry.Equipment.Select(ToEntity), null, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Exchanges, registry.Exchanges.Select(ToEntity), null, cancellationToken).ConfigureAwait(false),
            await SyncAsync(TableName.Users, registry.Users.Select(ToEntity), null, cancellationToken).ConfigureAwait(false),
        };

        if (version != previous)
        {
            await clients.Table(TableName.Licences).UpsertEntityAsync(new RegistryMetaEntity
            {
                PartitionKey = MetaPartition,
                RowKey = MetaRow,
                Version = version,
                ImportedAt = time.GetUtcNow(),
                Licences = registry.Licences.Count,
                Quotas = registry.Quotas.Count,
            }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        _cached = null;
        return new RegistryImportResult(version, previous, changes);
    }

    /// <summary>The version of the last import, or null before any.</summary>
    public async Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        var meta = await clients.Table(TableName.Licences).GetEntityIfExistsAsync<RegistryMetaEntity>(MetaPartition, MetaRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return meta.HasValue ? meta.Value!.Version : null;
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
            var licencesRead = ReadAllAsync<LicenceEntity>(TableName.Licences, LicencePartition, cancellationToken);
            var exchangesRead = ReadAllAsync<ExchangeEntity>(TableName.Exchanges, ExchangePartition, cancellationToken);
            await Task.WhenAll(versionRead, licencesRead, exchangesRead).ConfigureAwait(false);
            var version = await versionRead.ConfigureAwait(false) ?? "registry-none";
            var licences = (await licencesRead.ConfigureAwait(false)).Select(Read).ToArray();
            var exchanges = (await exchangesRead.ConfigureAwait(false)).Select(e => new AifcExchange(e.Code, e.Name)).ToArray();
            _cached = new Snapshot(version, licences, exchanges, time.GetUtcNow());
            return (version, licences, exchanges);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A portal user by the identity the sign-in gives (case ignored), or null for someone not in the registry.</summary>
    public async Task<RegistryUser?> FindUserAsync(string user, CancellationToken cancellationToken)
    {
        var entity = await clients.Table(TableName.Users).GetEntityIfExistsAsync<UserEntity>(UserPartition, UserKey(user), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    /// <summary>Every portal user (the development sign-in lists them).</summary>
    public async Task<IReadOnlyList<RegistryUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        (await ReadAllAsync<UserEntity>(TableName.Users, UserPartition, cancellationToken).ConfigureAwait(false)).Select(Read).ToArray();

    private async Task<List<T>> ReadAllAsync<T>(TableName table, string partition, CancellationToken cancellationToken) where T : class, ITableEntity, new()
    {
        var list = new List<T>();
        await foreach (var e in clients.Table(table).QueryAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(e);
        return list;
    }

    /// <summary>The registry as one licence's assessment needs it: all licences and exchanges, and that licence's quotas and equipment.</summary>
    public async Task<(string Version, Domain.Registry.Registry Registry)> ForLicenceAsync(string licence, CancellationToken cancellationToken)
    {
        var (version, licences, exchanges) = await GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyEncoding.Escape(licence.ToUpperInvariant());
        var quotas = (await ReadAllAsync<QuotaEntity>(TableName.Quotas, key, cancellationToken).ConfigureAwait(false))
            .Select(e => new GridQuota(e.Licence, Month.Parse(e.RowKey), TableValues.ParseDecimal(e.Kwh))).ToArray();
        var equipment = (await ReadAllAsync<EquipmentEntity>(TableName.Equipment, key, cancellationToken).ConfigureAwait(false))
            .Select(e => new Equipment(e.Licence, e.Model, e.Serial, TableValues.ParseDecimal(e.RatedPowerW), e.Units)).ToArray();
        return (version, new Domain.Registry.Registry(licences, quotas, equipment, exchanges));
    }

    /// <summary>Makes a table hold exactly the desired entities (within <paramref name="partition"/>, or the whole table when null).</summary>
    private async Task<TableChanges> SyncAsync<T>(TableName name, IEnumerable<T> desired, string? partition, CancellationToken cancellationToken)
        where T : class, IRegistryEntity<T>, new()
    {
        var table = clients.Table(name);
        var existing = new Dictionary<(string, string), T>();
        var filter = partition is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in table.QueryAsync<T>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values) existing[(entity.PartitionKey, entity.RowKey)] = entity;
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
            else if (!entity.Content().Equals(old.Content()))
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

    private static string UserKey(string user) => KeyEncoding.Escape(user.Trim().ToLowerInvariant());

    private static LicenceEntity ToEntity(Licence l) => new()
    {
        PartitionKey = LicencePartition,
        RowKey = KeyEncoding.Escape(l.Number.ToUpperInvariant()),
        Licence = l.Number,
        Bin = l.Bin,
        Company = l.Company,
        Subtype = l.Subtype.Code(),
        Zone = l.Zone.Code(),
        ValidFrom = TableValues.Date(l.ValidFrom),
        ValidTo = TableValues.Date(l.ValidTo),
        Status = l.Status.Code(),
        StatusSince = TableValues.Date(l.StatusSince),
        Language = l.Language?.Code(),
    };

    private static Licence Read(LicenceEntity e) => new(
        e.Licence,
        e.Bin,
        e.Company,
        EnumCodes.Parse<LicenceSubtype>(e.Subtype),
        EnumCodes.Parse<Zone>(e.Zone),
        TableValues.ParseDate(e.ValidFrom),
        TableValues.ParseDate(e.ValidTo),
        EnumCodes.Parse<LicenceStatus>(e.Status),
        TableValues.ParseNullableDate(e.StatusSince))
    {
        Language = e.Language is null ? null : EnumCodes.Parse<Language>(e.Language),
    };

    private static QuotaEntity ToEntity(GridQuota q) => new()
    {
        PartitionKey = KeyEncoding.Escape(q.Licence.ToUpperInvariant()),
        RowKey = q.Month.ToString(),
        Licence = q.Licence,
        Kwh = TableValues.Decimal(q.Kwh),
    };

    private static EquipmentEntity ToEntity(Equipment e) => new()
    {
        PartitionKey = KeyEncoding.Escape(e.Licence.ToUpperInvariant()),
        RowKey = KeyEncoding.Escape(e.Serial),
        Licence = e.Licence,
        Model = e.Model,
        Serial = e.Serial,
        RatedPowerW = TableValues.Decimal(e.RatedPowerW),
        Units = e.Units,
    };

    private static ExchangeEntity ToEntity(AifcExchange x) => new()
    {
        PartitionKey = ExchangePartition,
        RowKey = KeyEncoding.Escape(x.Code.ToUpperInvariant()),
        Code = x.Code,
        Name = x.Name,
    };

    private static UserEntity ToEntity(RegistryUser u) => new()
    {
        PartitionKey = UserPartition,
        RowKey = UserKey(u.User),
        User = u.User,
        Role = u.Role.Code(),
        Licences = string.Join(",", u.Licences),
    };

    private static RegistryUser Read(UserEntity e) =>
        new(e.User, EnumCodes.Parse<UserRole>(e.Role), e.Licences.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
