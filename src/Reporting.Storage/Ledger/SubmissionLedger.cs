using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;
using Reporting.Domain.Text;
using Reporting.Storage.Records;

namespace Reporting.Storage.Ledger;

public enum ClaimOutcome
{
    Claimed,

    /// <summary>The quarter's state changed since it was read: reload and decide again.</summary>
    Conflict,
}

/// <summary>
/// The Submissions table: one partition per licence folder of the uploads container, holding every upload's
/// submission (<c>upload|{id}</c>) and each quarter's state (<c>quarter|{quarter}</c>: which upload is current for each
/// month and kind); the reports' records are blobs (<see cref="RecordStore"/>), written before the decision.
/// Deciding which upload counts is one conditional write of the quarter's state entity; everything else an upload
/// writes is unconditional and idempotent, so a crash or a retry between the steps heals on the next attempt, and
/// no step relies on a transaction being atomic (Azurite's are not when a condition fails).
/// </summary>
public sealed class SubmissionLedger(StorageClients clients, RecordStore records)
{
    private const string UploadPrefix = "upload|";
    private const string QuarterPrefix = "quarter|";

    private TableClient Table => clients.Table(TableName.Submissions);

    /// <summary>The partition key for a licence folder: upper-case, escaped; "~ROOT" for blobs outside any folder.</summary>
    public static string PartitionFor(string? licenceFolder) =>
        string.IsNullOrWhiteSpace(licenceFolder) ? "~ROOT" : KeyEncoding.Escape(licenceFolder.Trim().ToUpperInvariant());

    /// <summary>Submissions and quarter states of a licence (two paged queries, at once).</summary>
    public Task<LedgerSnapshot> LoadAsync(string partitionKey, CancellationToken cancellationToken) => LoadAsync(partitionKey, cancellationToken, asStored: false);

    /// <summary>
    /// Submissions and quarter states; <paramref name="asStored"/> keeps each row's status as written (the audit compares
    /// rows with the states), otherwise an accepted row that is no longer current reads as superseded.
    /// </summary>
    public async Task<LedgerSnapshot> LoadAsync(string partitionKey, CancellationToken cancellationToken, bool asStored)
    {
        var snapshot = new LedgerSnapshot(partitionKey);
        var uploadsRead = QueryAsync<StoredSubmissionEntity>(partitionKey, UploadPrefix, cancellationToken);
        var statesRead = QueryAsync<QuarterStateEntity>(partitionKey, QuarterPrefix, cancellationToken);
        await Task.WhenAll(uploadsRead, statesRead).ConfigureAwait(false);
        foreach (var entity in await uploadsRead.ConfigureAwait(false))
        {
            // A row only marked superseded by a newer upload, before its own processing finished, is not complete.
            if (!entity.Complete) continue;
            var row = Read(entity);
            snapshot.Uploads[row.UploadId] = row;
        }

        foreach (var entity in await statesRead.ConfigureAwait(false))
        {
            var state = Read(entity);
            snapshot.Quarters[state.Quarter] = state;
        }

        if (!asStored) MarkReplacedAsSuperseded(snapshot);
        return snapshot;
    }

    private async Task<List<T>> QueryAsync<T>(string partitionKey, string prefix, CancellationToken cancellationToken) where T : class, ITableEntity, new()
    {
        var list = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {KeyEncoding.RangeEnd(prefix)}");
        await foreach (var page in Table.QueryAsync<T>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false)) list.AddRange(page.Values);
        return list;
    }

    /// <summary>
    /// An accepted upload that is no longer its slot's current one was superseded, whatever its row says: the quarter
    /// state is the one conditional write that decides. (Its row can say accepted when its own processing wrote it
    /// after the newer upload marked it, or when the newer one failed between its claim and its record.)
    /// </summary>
    private static void MarkReplacedAsSuperseded(LedgerSnapshot snapshot)
    {
        foreach (var row in snapshot.Uploads.Values.ToArray())
        {
            if (row.Status != SubmissionStatus.Accepted || row.Period is not { } period || row.Kind is not { } kind) continue;
            if (!snapshot.Quarters.TryGetValue(period.Quarter, out var state) || state.Pointer(period, kind) is not { } pointer || pointer.UploadId == row.UploadId) continue;
            snapshot.Uploads[row.UploadId] = row with { Status = SubmissionStatus.Superseded, SupersededBy = row.SupersededBy ?? pointer.UploadId };
        }
    }

    /// <summary>
    /// Writes the quarter's new state if it is still <paramref name="expected"/> (a single conditional write:
    /// create when it does not exist yet, replace on a matching ETag). Keeps the snapshot up to date.
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(LedgerSnapshot snapshot, QuarterState expected, QuarterState desired, CancellationToken cancellationToken)
    {
        var entity = ToEntity(snapshot.PartitionKey, desired);
        try
        {
            var response = expected.Exists
                ? await Table.UpdateEntityAsync(entity, expected.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            snapshot.Quarters[desired.Quarter] = desired with { ETag = response.Headers.ETag ?? default };
            return ClaimOutcome.Claimed;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return ClaimOutcome.Conflict;
        }
    }

    /// <summary>
    /// Records an upload's outcome: its submission, and the superseded mark of the upload it replaced, in one
    /// transaction. Unconditional and idempotent (the same call twice writes the same rows); the submission row is
    /// merged, never replaced, so a superseded mark a newer upload wrote meanwhile is kept.
    /// </summary>
    public async Task RecordAsync(LedgerSnapshot snapshot, SubmissionRow submission, string? supersededUploadId, CancellationToken cancellationToken)
    {
        var pk = snapshot.PartitionKey;
        var batch = new PartitionBatch(pk);
        if (supersededUploadId is not null)
        {
            batch.Add(TableTransactionActionType.UpsertMerge, new SupersessionMark
            {
                PartitionKey = pk,
                RowKey = UploadPrefix + supersededUploadId,
                Status = SubmissionStatus.Superseded.Code(),
                SupersededBy = submission.UploadId,
            });
        }

        // Last: a complete submission row means the upload is done (the sweep skips it).
        batch.Add(TableTransactionActionType.UpsertMerge, ToEntity(pk, submission));
        await batch.SubmitAsync(Table, cancellationToken).ConfigureAwait(false);

        snapshot.Uploads[submission.UploadId] = submission;
        if (supersededUploadId is not null && snapshot.Uploads.TryGetValue(supersededUploadId, out var old))
            snapshot.Uploads[supersededUploadId] = old with { Status = SubmissionStatus.Superseded, SupersededBy = submission.UploadId };
    }

    /// <summary>
    /// The current reports of a licence-quarter with their records, and the revision they belong to (one point read
    /// of the state, then the current reports' records at once).
    /// </summary>
    public async Task<QuarterInputs> LoadQuarterAsync(string partitionKey, Quarter quarter, CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(partitionKey, quarter, cancellationToken).ConfigureAwait(false);
        var pointers = state.Current.Values.OrderBy(p => p.Period).ThenBy(p => p.Kind).ToArray();
        var reads = pointers.Select(p => records.GetAsync(partitionKey, p.UploadId, cancellationToken)).ToArray();
        var reports = await Task.WhenAll(reads).ConfigureAwait(false);
        var found = pointers.Zip(reports).Where(p => p.Second is not null).Select(p => p.Second! with { Source = p.First.BlobName }).ToArray();
        return new QuarterInputs(partitionKey, quarter, state.Revision, pointers,
            found.OfType<ConsumptionReport>().ToArray(), found.OfType<SalesReport>().ToArray(),
            pointers.Zip(reports).Where(p => p.Second is null).Select(p => p.First).ToArray());
    }

    /// <summary>The current reports of one month of the given kinds, with when each was received (what reconciliation compares).</summary>
    public async Task<IReadOnlyList<Domain.Reconciliation.FiledReport>> LoadMonthAsync(string partitionKey, Month month, IReadOnlySet<ReportKind> kinds, CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(partitionKey, month.Quarter, cancellationToken).ConfigureAwait(false);
        var pointers = state.Current.Values.Where(p => p.Period == month && kinds.Contains(p.Kind)).OrderBy(p => p.Kind).ToArray();
        var reports = await Task.WhenAll(pointers.Select(p => records.GetAsync(partitionKey, p.UploadId, cancellationToken))).ConfigureAwait(false);
        return pointers.Zip(reports).Where(p => p.Second is not null)
            .Select(p => new Domain.Reconciliation.FiledReport(p.Second! with { Source = p.First.BlobName }, p.First.ReceivedAt)).ToArray();
    }

    /// <summary>A licence-quarter's state (empty when no upload was ever current in it).</summary>
    public async Task<QuarterState> GetStateAsync(string partitionKey, Quarter quarter, CancellationToken cancellationToken)
    {
        var entity = await Table.GetEntityIfExistsAsync<QuarterStateEntity>(partitionKey, QuarterPrefix + quarter, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Read(entity.Value!) : QuarterState.Empty(quarter);
    }

    /// <summary>Every complete submission of a licence folder, oldest first.</summary>
    public async Task<IReadOnlyList<SubmissionRow>> ListSubmissionsAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync(partitionKey, cancellationToken).ConfigureAwait(false);
        return snapshot.Uploads.Values.OrderBy(r => r.ReceivedAt).ThenBy(r => r.UploadId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every partition of the table (a licence folder each), for the audit.</summary>
    public async Task<IReadOnlyList<string>> ListPartitionsAsync(CancellationToken cancellationToken)
    {
        var partitions = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var page in Table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values) partitions.Add(entity.PartitionKey);
        }

        return partitions.ToArray();
    }

    private sealed record PointerJson(string Period, string Kind, string Upload, DateTimeOffset ReceivedAt, string Sha256, string Blob, string? Previous);

    private static readonly JsonSerializerOptions PointerOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static QuarterStateEntity ToEntity(string partitionKey, QuarterState state) => new()
    {
        PartitionKey = partitionKey,
        RowKey = QuarterPrefix + state.Quarter,
        Revision = state.Revision,
        Pointers = JsonSerializer.Serialize(state.Current.Values.OrderBy(p => p.Period).ThenBy(p => p.Kind)
            .Select(p => new PointerJson(p.Period.ToString(), p.Kind.Code(), p.UploadId, p.ReceivedAt.ToUniversalTime(), p.Sha256, p.BlobName, p.PreviousUploadId)), PointerOptions),
    };

    private static QuarterState Read(QuarterStateEntity entity)
    {
        var quarter = Quarter.Parse(entity.RowKey[QuarterPrefix.Length..]);
        var current = new Dictionary<(Month, ReportKind), CurrentPointer>();
        foreach (var p in JsonSerializer.Deserialize<PointerJson[]>(entity.Pointers, PointerOptions) ?? [])
        {
            var pointer = new CurrentPointer(Month.Parse(p.Period), EnumCodes.Parse<ReportKind>(p.Kind), p.Upload, p.ReceivedAt, p.Sha256, p.Blob, p.Previous);
            current[(pointer.Period, pointer.Kind)] = pointer;
        }

        return new QuarterState(quarter, entity.Revision, current, entity.ETag);
    }

    /// <summary>
    /// The row as its own processing writes it. An upload superseded on arrival names the newer upload itself; otherwise the
    /// entity has no SupersededBy at all, so the merge keeps a mark a newer upload wrote.
    /// </summary>
    private static SubmissionEntity ToEntity(string partitionKey, SubmissionRow row) => Fill(row.SupersededBy is null ? new SubmissionEntity() : new StoredSubmissionEntity { SupersededBy = row.SupersededBy }, partitionKey, row);

    private static SubmissionEntity Fill(SubmissionEntity entity, string partitionKey, SubmissionRow row)
    {
        entity.PartitionKey = partitionKey;
        entity.RowKey = UploadPrefix + row.UploadId;
        entity.BlobName = row.BlobName;
        entity.BlobETag = row.ETag;
        entity.VersionId = row.VersionId;
        entity.Sha256 = row.Sha256;
        entity.SizeBytes = row.SizeBytes;
        entity.ReceivedAt = row.ReceivedAt.ToUniversalTime();
        entity.ProcessedAt = row.ProcessedAt.ToUniversalTime();
        entity.Status = row.Status.Code();
        entity.Kind = row.Kind?.Code();
        entity.Licence = row.Licence;
        entity.Period = row.Period?.ToString();
        entity.Quarter = row.Quarter?.ToString();
        entity.ErrorCount = row.ErrorCount;
        entity.WarningCount = row.WarningCount;
        entity.FirstErrorCode = row.FirstErrorCode;
        entity.DuplicateOf = row.DuplicateOf;
        entity.FeedbackJson = row.FeedbackJson;
        entity.FeedbackWorkbook = row.FeedbackWorkbook;
        entity.Language = row.Language?.Code();
        entity.RuleVersion = row.RuleVersion;
        entity.Complete = true;
        return entity;
    }

    private static SubmissionRow Read(StoredSubmissionEntity e)
    {
        var status = EnumCodes.Parse<SubmissionStatus>(e.Status);
        return new SubmissionRow(
            e.RowKey[UploadPrefix.Length..],
            e.BlobName,
            e.BlobETag,
            e.VersionId,
            e.Sha256,
            e.SizeBytes,
            e.ReceivedAt,
            e.ProcessedAt,
            // A row a newer upload marked is superseded, even if its own (merged) write said accepted.
            e.SupersededBy is not null && status == SubmissionStatus.Accepted ? SubmissionStatus.Superseded : status,
            e.Kind is null ? null : EnumCodes.Parse<ReportKind>(e.Kind),
            e.Licence,
            e.Period is null ? null : Month.Parse(e.Period),
            e.ErrorCount,
            e.WarningCount,
            e.FirstErrorCode,
            e.DuplicateOf,
            e.SupersededBy,
            e.FeedbackJson,
            e.FeedbackWorkbook,
            e.RuleVersion)
        {
            Language = e.Language is null ? null : EnumCodes.Parse<Language>(e.Language),
        };
    }
}
