using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Reporting.Domain.Periods;

namespace Reporting.Storage.Reports;

/// <summary>A published version of a quarter's consolidated report.</summary>
public sealed record ReportVersion(
    Quarter Quarter,
    int Number,
    string Fingerprint,
    DateTimeOffset CreatedAt,
    string WorkbookBlob,
    string CsvBlob,
    string WorkbookSha256,
    string CsvSha256,
    int Licences,
    decimal FeeKzt,
    int Violations,
    string RuleVersions,
    string RegistryVersion)
{
    /// <summary>
    /// The report's content as JSON (what the committee's pages read); empty for versions published before snapshots
    /// were kept.
    /// </summary>
    public string SnapshotBlob { get; init; } = "";

    /// <summary>The SHA-256 of the snapshot as written (the audit checks it as it checks the files); empty without one.</summary>
    public string SnapshotSha256 { get; init; } = "";
}

/// <summary>A published version of a quarter's report (PK quarter, RK v0001...): its files, their SHA-256, and figures for listing.</summary>
public sealed record ReportVersionEntity : TableRow
{
    public int Number { get; set; }
    public string Fingerprint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string WorkbookBlob { get; set; } = "";
    public string CsvBlob { get; set; } = "";
    public string WorkbookSha256 { get; set; } = "";
    public string CsvSha256 { get; set; } = "";
    public int Licences { get; set; }
    public string FeeKzt { get; set; } = "0";
    public long FeeTiyn { get; set; }
    public int Violations { get; set; }
    public string RuleVersions { get; set; } = "";
    public string RegistryVersion { get; set; } = "";
    public string SnapshotBlob { get; set; } = "";
    public string SnapshotSha256 { get; set; } = "";
}

/// <summary>The figures of a report that its version row keeps for listing.</summary>
public sealed record ReportFacts(int Licences, decimal FeeKzt, int Violations, string RuleVersions, string RegistryVersion);

/// <summary>
/// Versions of the consolidated reports: files in the reports container under
/// <c>{yyyy}-Q{q}/{fingerprint}/</c> (create-only, so a version's files never change) and a row per
/// version in ReportVersions (PK quarter, RK v0001...). A build whose content fingerprint equals the
/// current version's creates nothing; a changed quarter gets the next version and the old ones stay.
/// </summary>
public sealed class ReportStore(StorageClients clients, TimeProvider time)
{
    private const string Sha256Metadata = "sha256";
    private TableClient Versions => clients.Table(TableName.ReportVersions);

    public async Task<IReadOnlyList<ReportVersion>> ListVersionsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var versions = new List<ReportVersion>();
        await foreach (var e in Versions.QueryAsync<ReportVersionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {quarter.ToString()}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            versions.Add(Read(e));
        return versions.OrderBy(v => v.Number).ToArray();
    }

    public async Task<ReportVersion?> GetCurrentAsync(Quarter quarter, CancellationToken cancellationToken) =>
        (await ListVersionsAsync(quarter, cancellationToken).ConfigureAwait(false)).LastOrDefault();

    /// <summary>
    /// Publishes the report unless the current version has the same fingerprint. The files are produced
    /// only when needed. Returns the current version and whether this call created it. The caller may pass the
    /// current version it read (at the same time as the report's inputs); a race with another builder is still
    /// caught by the create-once version row, after which the versions are read again.
    /// </summary>
    public async Task<(ReportVersion Version, bool Created)> PublishAsync(Quarter quarter, string fingerprint, ReportFacts facts,
        Func<(byte[] Workbook, byte[] Csv, byte[] Snapshot)> render, CancellationToken cancellationToken, Task<ReportVersion?>? currentRead = null)
    {
        (byte[] Workbook, byte[] Csv, byte[] Snapshot)? files = null;
        while (true)
        {
            var current = currentRead is not null
                ? await currentRead.ConfigureAwait(false)
                : await GetCurrentAsync(quarter, cancellationToken).ConfigureAwait(false);
            currentRead = null;
            if (current?.Fingerprint == fingerprint) return (current, false);

            files ??= render();
            var folder = $"{quarter}/{fingerprint[..16]}";
            var workbookBlob = $"{folder}/consolidated-{quarter}.xlsx";
            var csvBlob = $"{folder}/consolidated-{quarter}.csv";
            var snapshotBlob = $"{folder}/report-{quarter}.json";
            // The files are independent: write them at once.
            var workbookPut = PutOnceAsync(workbookBlob, files.Value.Workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", cancellationToken);
            var csvPut = PutOnceAsync(csvBlob, files.Value.Csv, "text/csv; charset=utf-8", cancellationToken);
            var snapshotPut = PutOnceAsync(snapshotBlob, files.Value.Snapshot, "application/json; charset=utf-8", cancellationToken);
            await Task.WhenAll(workbookPut, csvPut, snapshotPut).ConfigureAwait(false);
            var (workbookSha, csvSha, snapshotSha) = (await workbookPut.ConfigureAwait(false), await csvPut.ConfigureAwait(false), await snapshotPut.ConfigureAwait(false));

            var version = new ReportVersion(quarter, (current?.Number ?? 0) + 1, fingerprint, time.GetUtcNow(), workbookBlob, csvBlob, workbookSha, csvSha,
                facts.Licences, facts.FeeKzt, facts.Violations, facts.RuleVersions, facts.RegistryVersion) { SnapshotBlob = snapshotBlob, SnapshotSha256 = snapshotSha };
            try
            {
                await Versions.AddEntityAsync(ToEntity(version), cancellationToken).ConfigureAwait(false);
                return (version, true);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another builder published that version number first: look again.
            }
        }
    }

    /// <summary>
    /// Gives a version published before snapshots were kept its snapshot: the JSON goes beside the version's files
    /// (create-only) and the row gains its name and SHA-256 (an ETag-checked merge, so a concurrent writer wins and this
    /// returns its row). The caller passes the snapshot of a report with this version's fingerprint: the same content.
    /// </summary>
    public async Task<ReportVersion> AddSnapshotAsync(ReportVersion version, byte[] snapshot, CancellationToken cancellationToken)
    {
        if (version.SnapshotBlob.Length > 0) return version;
        var blob = $"{version.WorkbookBlob[..version.WorkbookBlob.LastIndexOf('/')]}/report-{version.Quarter}.json";
        var sha = await PutOnceAsync(blob, snapshot, "application/json; charset=utf-8", cancellationToken).ConfigureAwait(false);
        var rowKey = ToEntity(version).RowKey;
        var row = (await Versions.GetEntityAsync<ReportVersionEntity>(version.Quarter.ToString(), rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (row.SnapshotBlob.Length > 0) return Read(row);
        var patch = new TableEntity(row.PartitionKey, row.RowKey)
        {
            [nameof(ReportVersionEntity.SnapshotBlob)] = blob,
            [nameof(ReportVersionEntity.SnapshotSha256)] = sha,
        };
        try
        {
            await Versions.UpdateEntityAsync(patch, row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Another builder added it first (the same bytes: same fingerprint, create-only blob).
            return Read((await Versions.GetEntityAsync<ReportVersionEntity>(version.Quarter.ToString(), rowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value);
        }

        return version with { SnapshotBlob = blob, SnapshotSha256 = sha };
    }

    /// <summary>Every quarter that has a published report.</summary>
    public async Task<IReadOnlyList<Quarter>> ListQuartersAsync(CancellationToken cancellationToken)
    {
        var quarters = new SortedSet<Quarter>();
        await foreach (var e in Versions.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            quarters.Add(Quarter.Parse(e.PartitionKey));
        return quarters.ToArray();
    }

    /// <summary>The SHA-256 of a report file as stored now, or null when the file is gone.</summary>
    public async Task<string?> HashAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await clients.Reports.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<BinaryData> DownloadAsync(string blobName, CancellationToken cancellationToken) =>
        (await clients.Reports.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content;

    /// <summary>
    /// A time-limited, read-only URL for one report file: signed with the account key when the connection
    /// has one, otherwise with a user delegation key (managed identity; shared keys disabled).
    /// </summary>
    public async Task<Uri> CreateReadLinkAsync(string blobName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var blob = clients.Reports.GetBlobClient(blobName);
        var expires = time.GetUtcNow().Add(lifetime);
        // Links over https say so (spr=https), so they are never honoured over plain http; an emulator on http gets http.
        var protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp;
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(new BlobSasBuilder(BlobSasPermissions.Read, expires)
            {
                BlobContainerName = blob.BlobContainerName,
                BlobName = blob.Name,
                Resource = "b",
                Protocol = protocol,
            });
        }

        var start = time.GetUtcNow().AddMinutes(-5);
        var key = (await clients.Blobs.GetUserDelegationKeyAsync(start, expires, cancellationToken).ConfigureAwait(false)).Value;
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = start,
            Protocol = protocol,
        };
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, clients.Blobs.AccountName) }.ToUri();
    }

    /// <summary>Writes a file once; a retry finds it written and keeps it. Returns the SHA-256 of the stored bytes.</summary>
    private async Task<string> PutOnceAsync(string name, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var blob = clients.Reports.GetBlobClient(name);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        try
        {
            await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = sha },
            }, cancellationToken).ConfigureAwait(false);
            return sha;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return properties.Metadata.TryGetValue(Sha256Metadata, out var stored) ? stored : sha;
        }
    }

    private static ReportVersionEntity ToEntity(ReportVersion v) => new()
    {
        PartitionKey = v.Quarter.ToString(),
        RowKey = "v" + v.Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture),
        Number = v.Number,
        Fingerprint = v.Fingerprint,
        CreatedAt = v.CreatedAt.ToUniversalTime(),
        WorkbookBlob = v.WorkbookBlob,
        CsvBlob = v.CsvBlob,
        WorkbookSha256 = v.WorkbookSha256,
        CsvSha256 = v.CsvSha256,
        Licences = v.Licences,
        FeeKzt = TableValues.Decimal(v.FeeKzt),
        FeeTiyn = TableValues.Tiyn(v.FeeKzt),
        Violations = v.Violations,
        RuleVersions = v.RuleVersions,
        RegistryVersion = v.RegistryVersion,
        SnapshotBlob = v.SnapshotBlob,
        SnapshotSha256 = v.SnapshotSha256,
    };

    private static ReportVersion Read(ReportVersionEntity e) => new(
        Quarter.Parse(e.PartitionKey), e.Number, e.Fingerprint, e.CreatedAt, e.WorkbookBlob, e.CsvBlob, e.WorkbookSha256, e.CsvSha256,
        e.Licences, TableValues.ParseDecimal(e.FeeKzt), e.Violations, e.RuleVersions, e.RegistryVersion) { SnapshotBlob = e.SnapshotBlob, SnapshotSha256 = e.SnapshotSha256 };
}
