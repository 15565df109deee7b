using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Submissions;

namespace Reporting.Storage.Ledger;

public enum ClaimOutcome
{
    Claimed,

    /// <summary>The quarter's state changed since it was read: reload and decide again.</summary>
    Conflict,
}

/// <summary>
/// The Submissions table: one partition per licence folder of the uploads container, holding every
/// upload's submission (<c>upload|{id}</c>), its records (<c>record|{quarter}|{id}|{n}</c>) and each
/// quarter's state (<c>quarter|{quarter}</c>: which upload is current for each month and kind).
/// Deciding which upload counts is one conditional write of the quarter's state entity; everything
/// else an upload writes is unconditional and idempotent, so a crash or a retry between the two steps
/// heals on the next attempt, and no step relies on a transaction being atomic (Azurite's are not
/// when a condition fails).
/// </summary>
public sealed class SubmissionLedger(StorageClients clients)
{
    private const string UploadPrefix = "upload|";
    private const string QuarterPrefix = "quarter|";
    private const string RecordPrefix = "record|";

    private TableClient Table => clients.Table(TableName.Submissions);

    /// <summary>The partition key for a licence folder: upper-case, escaped; "~ROOT" for blobs outside any folder.</summary>
    public static string PartitionFor(string? licenceFolder) =>
        string.IsNullOrWhiteSpace(licenceFolder) ? "~ROOT" : KeyEncoding.Escape(licenceFolder.Trim().ToUpperInvariant());

    /// <summary>Submissions and quarter states of a licence (one paged query; records excluded).</summary>
    public async Task<LedgerSnapshot> LoadAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var snapshot = new LedgerSnapshot(partitionKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and (RowKey lt {RecordPrefix} or RowKey ge {UploadPrefix})");
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                if (entity.RowKey.StartsWith(UploadPrefix, StringComparison.Ordinal))
                {
                    // A row only marked superseded by a newer upload, before its own processing finished, is not complete.
                    if (entity.GetBoolean("Complete") != true) continue;
                    var row = ReadSubmission(entity);
                    snapshot.Uploads[row.UploadId] = row;
                }
                else if (entity.RowKey.StartsWith(QuarterPrefix, StringComparison.Ordinal))
                {
                    var state = ReadState(entity);
                    snapshot.Quarters[state.Quarter] = state;
                }
            }
        }

        MarkReplacedAsSuperseded(snapshot);
        return snapshot;
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
    /// Records an upload's outcome: its records (if any), its submission, and the superseded status of the
    /// upload it replaced. Unconditional and idempotent (the same call twice writes the same rows). The submission
    /// row is merged, never replaced, so a superseded mark a newer upload wrote meanwhile is kept.
    /// </summary>
    public async Task RecordAsync(LedgerSnapshot snapshot, SubmissionRow submission, MonthReport? records, string? supersededUploadId, CancellationToken cancellationToken)
    {
        var pk = snapshot.PartitionKey;
        var batch = new PartitionBatch(pk);
        if (records is not null)
        {
            foreach (var entity in RecordCodec.ToEntities(pk, submission.UploadId, records)) batch.Add(TableTransactionActionType.UpsertReplace, entity);
        }

        if (supersededUploadId is not null)
        {
            batch.Add(TableTransactionActionType.UpsertMerge, new TableEntity(pk, UploadPrefix + supersededUploadId)
            {
                ["Status"] = SubmissionStatus.Superseded.Code(),
                ["SupersededBy"] = submission.UploadId,
            });
        }

        // Last: a complete submission row means the upload is done (the sweep skips it).
        batch.Add(TableTransactionActionType.UpsertMerge, ToEntity(pk, submission));
        await batch.SubmitAsync(Table, cancellationToken).ConfigureAwait(false);

        snapshot.Uploads[submission.UploadId] = submission;
        if (supersededUploadId is not null && snapshot.Uploads.TryGetValue(supersededUploadId, out var old))
            snapshot.Uploads[supersededUploadId] = old with { Status = SubmissionStatus.Superseded, SupersededBy = submission.UploadId };
    }

    /// <summary>The current reports of a licence-quarter with their records, and the revision they belong to.</summary>
    public async Task<QuarterInputs> LoadQuarterAsync(string partitionKey, Quarter quarter, CancellationToken cancellationToken)
    {
        var recordPrefix = $"{RecordPrefix}{quarter}|";
        var stateKey = QuarterPrefix + quarter;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and ((RowKey ge {recordPrefix} and RowKey lt {KeyEncoding.RangeEnd(recordPrefix)}) or RowKey eq {stateKey})");
        var state = QuarterState.Empty(quarter);
        var records = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                if (entity.RowKey == stateKey)
                {
                    state = ReadState(entity);
                    continue;
                }

                // record|{quarter}|{uploadId}|{n}: every upload's records, until the current ones are known.
                var uploadId = entity.RowKey[recordPrefix.Length..].Split('|')[0];
                if (!records.TryGetValue(uploadId, out var list)) records[uploadId] = list = [];
                list.Add(entity);
            }
        }

        var pointers = state.Current.Values.OrderBy(p => p.Period).ThenBy(p => p.Kind).ToArray();
        var reports = pointers
            .Where(p => records.ContainsKey(p.UploadId))
            .Select(p => RecordCodec.FromEntities(records[p.UploadId].OrderBy(e => e.RowKey, StringComparer.Ordinal).ToArray()) with { Source = p.BlobName })
            .ToArray();
        return new QuarterInputs(partitionKey, quarter, state.Revision, pointers,
            reports.OfType<ConsumptionReport>().ToArray(), reports.OfType<SalesReport>().ToArray(),
            pointers.Where(p => !records.ContainsKey(p.UploadId)).ToArray());
    }

    /// <summary>Every complete submission of a licence folder, oldest first.</summary>
    public async Task<IReadOnlyList<SubmissionRow>> ListSubmissionsAsync(string partitionKey, CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync(partitionKey, cancellationToken).ConfigureAwait(false);
        return snapshot.Uploads.Values.OrderBy(r => r.ReceivedAt).ThenBy(r => r.UploadId, StringComparer.Ordinal).ToArray();
    }

    // Slot property names: "M2S_Upload" is the second month's sales report.
    private static string Slot(Quarter quarter, Month period, ReportKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"M{period.Number - quarter.FirstMonth.Number + 1}{(kind == ReportKind.Consumption ? "C" : "S")}");

    private static TableEntity ToEntity(string partitionKey, QuarterState state)
    {
        var entity = new TableEntity(partitionKey, QuarterPrefix + state.Quarter) { ["Revision"] = state.Revision };
        foreach (var pointer in state.Current.Values)
        {
            var slot = Slot(state.Quarter, pointer.Period, pointer.Kind);
            entity[slot + "_Upload"] = pointer.UploadId;
            entity[slot + "_ReceivedAt"] = TableValues.Utc(pointer.ReceivedAt);
            entity[slot + "_Sha256"] = pointer.Sha256;
            entity[slot + "_Blob"] = pointer.BlobName;
            entity[slot + "_Previous"] = pointer.PreviousUploadId;
        }

        return entity;
    }

    private static QuarterState ReadState(TableEntity entity)
    {
        var quarter = Domain.Periods.Quarter.Parse(entity.RowKey[QuarterPrefix.Length..]);
        var current = new Dictionary<(Month, ReportKind), CurrentPointer>();
        foreach (var period in quarter.Months)
        {
            foreach (var kind in new[] { ReportKind.Consumption, ReportKind.Sales })
            {
                var slot = Slot(quarter, period, kind);
                if (entity.GetString(slot + "_Upload") is not { } upload) continue;
                current[(period, kind)] = new CurrentPointer(period, kind, upload, entity.GetDateTimeOffset(slot + "_ReceivedAt") ?? DateTimeOffset.MinValue,
                    entity.GetString(slot + "_Sha256") ?? "", entity.GetString(slot + "_Blob") ?? "", entity.GetString(slot + "_Previous"));
            }
        }

        return new QuarterState(quarter, entity.GetInt64("Revision") ?? 0, current, entity.ETag);
    }

    /// <summary>The submission row; properties without a value are left out, so a merge keeps what others wrote (SupersededBy).</summary>
    private static TableEntity ToEntity(string partitionKey, SubmissionRow row)
    {
        var entity = AllProperties(partitionKey, row);
        foreach (var name in entity.Keys.Where(k => entity[k] is null).ToArray()) entity.Remove(name);
        return entity;
    }

    private static TableEntity AllProperties(string partitionKey, SubmissionRow row) => new(partitionKey, UploadPrefix + row.UploadId)
    {
        ["BlobName"] = row.BlobName,
        ["BlobETag"] = row.ETag,
        ["VersionId"] = row.VersionId,
        ["Sha256"] = row.Sha256,
        ["SizeBytes"] = row.SizeBytes,
        ["ReceivedAt"] = TableValues.Utc(row.ReceivedAt),
        ["ProcessedAt"] = TableValues.Utc(row.ProcessedAt),
        ["Status"] = row.Status.Code(),
        ["Kind"] = row.Kind?.Code(),
        ["Licence"] = row.Licence,
        ["Period"] = row.Period?.ToString(),
        ["Quarter"] = row.Quarter?.ToString(),
        ["ErrorCount"] = row.ErrorCount,
        ["WarningCount"] = row.WarningCount,
        ["FirstErrorCode"] = row.FirstErrorCode,
        ["DuplicateOf"] = row.DuplicateOf,
        ["SupersededBy"] = row.SupersededBy,
        ["FeedbackJson"] = row.FeedbackJson,
        ["FeedbackWorkbook"] = row.FeedbackWorkbook,
        ["RuleVersion"] = row.RuleVersion,
        ["Complete"] = true,
    };

    private static SubmissionRow ReadSubmission(TableEntity e) => new(
        e.RowKey[UploadPrefix.Length..],
        e.GetString("BlobName") ?? "",
        e.GetString("BlobETag") ?? "",
        e.GetString("VersionId"),
        e.GetString("Sha256") ?? "",
        e.GetInt64("SizeBytes") ?? 0,
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ProcessedAt") ?? DateTimeOffset.MinValue,
        // A row a newer upload marked is superseded, even if its own (merged) write said accepted.
        e.GetString("SupersededBy") is not null && SubmissionStatuses.Parse(e.GetString("Status") ?? "rejected") == SubmissionStatus.Accepted
            ? SubmissionStatus.Superseded
            : SubmissionStatuses.Parse(e.GetString("Status") ?? "rejected"),
        ReportKinds.TryParse(e.GetString("Kind"), out var kind) ? kind : null,
        e.GetString("Licence"),
        Month.TryParse(e.GetString("Period"), out var period) ? period : null,
        e.GetInt32("ErrorCount") ?? 0,
        e.GetInt32("WarningCount") ?? 0,
        e.GetString("FirstErrorCode"),
        e.GetString("DuplicateOf"),
        e.GetString("SupersededBy"),
        e.GetString("FeedbackJson"),
        e.GetString("FeedbackWorkbook"),
        e.GetString("RuleVersion") ?? "");
}
