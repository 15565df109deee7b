using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;

namespace Reporting.Storage.Assessments;

/// <summary>
/// Quarterly assessments (PK quarter, RK licence) and their violations (PK quarter, RK
/// licence|token|n): a quarter is read with two partition queries. Each assessment carries a token
/// (input revision, rules and registry versions); violations count only when their token matches the
/// assessment's, so concurrent writers never leave a mixed set, and a newer revision is never
/// overwritten by an older one.
/// </summary>
public sealed class AssessmentStore(StorageClients clients, TimeProvider time)
{
    private TableClient Assessments => clients.Table(TableName.QuarterlyAssessments);
    private TableClient ViolationsTable => clients.Table(TableName.Violations);

    public static string Token(long revision, string ruleVersion, string registryVersion) =>
        string.Create(CultureInfo.InvariantCulture, $"{revision:D10}-{ruleVersion}-{registryVersion}");

    /// <summary>
    /// Stores a licence-quarter's assessment unless the same (or a newer) one is stored. With
    /// <paramref name="repairViolations"/>, the same assessment already stored has its violation rows written again
    /// (they are idempotent): for an assessment whose rows were found missing.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(QuarterAssessment assessment, long revision, string registryVersion,
        IReadOnlyList<AssessmentInputRef> inputs, CancellationToken cancellationToken, bool repairViolations = false)
    {
        var quarter = assessment.Quarter.ToString();
        var licenceKey = KeyEncoding.Escape(assessment.Licence.ToUpperInvariant());
        var token = Token(revision, assessment.RuleVersion, registryVersion);
        while (true)
        {
            var existing = await Assessments.GetEntityIfExistsAsync<AssessmentEntity>(quarter, licenceKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = existing.HasValue ? existing.Value : null;
            if (current is not null)
            {
                if (current.InputRevision > revision) return SaveOutcome.Stale;
                if (current.Token == token)
                {
                    if (!repairViolations) return SaveOutcome.Unchanged;
                    await WriteViolationsAsync(quarter, licenceKey, token, assessment, cancellationToken).ConfigureAwait(false);
                    return SaveOutcome.Repaired;
                }
            }

            await WriteViolationsAsync(quarter, licenceKey, token, assessment, cancellationToken).ConfigureAwait(false);

            var entity = ToEntity(quarter, licenceKey, token, revision, registryVersion, assessment, inputs);
            try
            {
                if (current is null)
                {
                    await Assessments.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Assessments.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                continue; // another writer got there first: look again
            }

            await DeleteOtherTokensAsync(quarter, licenceKey, token, cancellationToken).ConfigureAwait(false);
            return SaveOutcome.Written;
        }
    }

    private async Task WriteViolationsAsync(string quarter, string licenceKey, string token, QuarterAssessment assessment, CancellationToken cancellationToken)
    {
        var violations = new PartitionBatch(quarter);
        var sequence = 0;
        foreach (var violation in assessment.Violations)
            violations.Add(TableTransactionActionType.UpsertReplace, ToEntity(quarter, licenceKey, token, sequence++, violation, assessment.RuleVersion));
        await violations.SubmitAsync(ViolationsTable, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads many assessments of one quarter in bulk (100 per transaction), without the concurrency guard of
    /// <see cref="SaveAsync"/>: for filling a quarter that has no assessments yet (migrating history,
    /// benchmarks). Returns the number written.
    /// </summary>
    public async Task<int> LoadQuarterAsync(Quarter quarter, IEnumerable<(QuarterAssessment Assessment, long Revision, string RegistryVersion, IReadOnlyList<AssessmentInputRef> Inputs)> items,
        CancellationToken cancellationToken)
    {
        var partition = quarter.ToString();
        var summaries = new PartitionBatch(partition);
        var violations = new PartitionBatch(partition);
        foreach (var (assessment, revision, registryVersion, inputs) in items)
        {
            if (assessment.Quarter != quarter) throw new ArgumentException($"{assessment.Licence} {assessment.Quarter} is not in {quarter}.", nameof(items));
            var licenceKey = KeyEncoding.Escape(assessment.Licence.ToUpperInvariant());
            var token = Token(revision, assessment.RuleVersion, registryVersion);
            var sequence = 0;
            foreach (var violation in assessment.Violations)
                violations.Add(TableTransactionActionType.UpsertReplace, ToEntity(partition, licenceKey, token, sequence++, violation, assessment.RuleVersion));
            summaries.Add(TableTransactionActionType.UpsertReplace, ToEntity(partition, licenceKey, token, revision, registryVersion, assessment, inputs));
        }

        await violations.SubmitAsync(ViolationsTable, cancellationToken).ConfigureAwait(false);
        await summaries.SubmitAsync(Assessments, cancellationToken).ConfigureAwait(false);
        return summaries.Count;
    }

    public async Task<AssessmentSummary?> GetAsync(Quarter quarter, string licence, CancellationToken cancellationToken)
    {
        var entity = await Assessments.GetEntityIfExistsAsync<AssessmentEntity>(quarter.ToString(), KeyEncoding.Escape(licence.ToUpperInvariant()), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? Read(entity.Value!) : null;
    }

    /// <summary>Every licence's assessment of a quarter, page by page (memory bounded by the number of licences).</summary>
    public async IAsyncEnumerable<AssessmentSummary> ListAsync(Quarter quarter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {quarter.ToString()}");
        await foreach (var page in Assessments.QueryAsync<AssessmentEntity>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values) yield return Read(entity);
        }
    }

    /// <summary>
    /// Every violation row of a quarter with the token of the assessment that wrote it. Rows of an assessment
    /// that was replaced but not yet cleaned up are included: keep those whose token is the licence's current
    /// one (<see cref="Current"/>). Read without waiting for the assessments, so both can be read at once.
    /// </summary>
    public async Task<IReadOnlyList<ViolationRow>> ListViolationRowsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var rows = new List<ViolationRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {quarter.ToString()}");
        await foreach (var page in ViolationsTable.QueryAsync<ViolationEntity>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            foreach (var entity in page.Values) rows.Add(new ViolationRow(entity.Licence, entity.Token, ReadViolation(entity)));
        }

        return rows;
    }

    /// <summary>The violations whose token matches their licence's stored assessment (keyed by upper-case licence).</summary>
    public static IEnumerable<Violation> Current(IEnumerable<ViolationRow> rows, IReadOnlyDictionary<string, string> tokensByLicence) =>
        rows.Where(r => tokensByLicence.TryGetValue(r.Licence.ToUpperInvariant(), out var token) && r.Token == token).Select(r => r.Violation);

    /// <summary>
    /// The assessments whose stored violation rows (of their token) are fewer or more than their error and warning
    /// counts: read while a writer was between its two writes, or damaged. Reading again, or re-assessing with
    /// repairViolations, mends them.
    /// </summary>
    public static IReadOnlyList<AssessmentSummary> WithIncompleteViolations(IEnumerable<AssessmentSummary> assessments, IEnumerable<ViolationRow> rows)
    {
        var counts = rows.Where(r => r.Token is not null).CountBy(r => (r.Licence.ToUpperInvariant(), r.Token!)).ToDictionary();
        return assessments.Where(a => counts.GetValueOrDefault((a.Licence.ToUpperInvariant(), a.Token)) != a.ErrorCount + a.WarningCount).ToArray();
    }

    /// <summary>
    /// Removes the violation rows of other tokens once this writer's assessment is stored, unless a newer writer has
    /// replaced it meanwhile: that writer's rows must stay, and it cleans up itself. (A writer that replaces this one
    /// between the check and the delete can still lose rows; readers find that with
    /// <see cref="WithIncompleteViolations"/> and the re-assessment repairs it.)
    /// </summary>
    private async Task DeleteOtherTokensAsync(string quarter, string licenceKey, string token, CancellationToken cancellationToken)
    {
        var stored = await Assessments.GetEntityIfExistsAsync<TableEntity>(quarter, licenceKey, select: [nameof(AssessmentEntity.Token)], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!stored.HasValue || stored.Value!.GetString(nameof(AssessmentEntity.Token)) != token) return;
        var prefix = licenceKey + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {quarter} and RowKey ge {prefix} and RowKey lt {KeyEncoding.RangeEnd(prefix)}");
        var batch = new PartitionBatch(quarter);
        await foreach (var entity in ViolationsTable.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", nameof(ViolationEntity.Token)], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString(nameof(ViolationEntity.Token)) != token) batch.Add(TableTransactionActionType.Delete, new TableEntity(quarter, entity.RowKey) { ETag = ETag.All });
        }

        try
        {
            await batch.SubmitAsync(ViolationsTable, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // Deleted concurrently by another writer: the goal is reached.
        }
    }

    private AssessmentEntity ToEntity(string quarter, string licenceKey, string token, long revision, string registryVersion, QuarterAssessment a, IReadOnlyList<AssessmentInputRef> inputs) =>
        new()
        {
            PartitionKey = quarter,
            RowKey = licenceKey,
            Licence = a.Licence,
            Quarter = quarter,
            RuleVersion = a.RuleVersion,
            RegistryVersion = registryVersion,
            InputRevision = revision,
            Token = token,
            AssessedAt = time.GetUtcNow(),
            KwhGrid = TableValues.Decimal(a.KwhBySource[EnergySource.Grid]),
            KwhImport = TableValues.Decimal(a.KwhBySource[EnergySource.Import]),
            KwhRenewable = TableValues.Decimal(a.KwhBySource[EnergySource.Renewable]),
            KwhOwnGeneration = TableValues.Decimal(a.KwhBySource[EnergySource.OwnGeneration]),
            KwhOffGrid = TableValues.Decimal(a.KwhBySource[EnergySource.OffGrid]),
            KwhTotal = TableValues.Decimal(a.KwhTotal),
            AveragePriceKzt = TableValues.Decimal(a.Fee.AveragePriceKzt is { } p ? Math.Round(p, 6, MidpointRounding.AwayFromZero) : null),
            FeeStatus = a.Fee.Status.Code(),
            FeeKzt = TableValues.Decimal(a.Fee.AmountKzt),
            FeeTiyn = a.Fee.AmountKzt is { } fee ? TableValues.Tiyn(fee) : null,
            FeeLines = JsonSerializer.Serialize(a.Fee.Lines.Select(l => new FeeLineJson(MessageJson.Serialize(l.Ground), TableValues.Decimal(l.RateKztPerKwh),
                TableValues.Decimal(l.Kwh), TableValues.Decimal(l.AmountKzt)))),
            FeeRuleReferences = string.Join(",", a.Fee.RuleReferences),
            DeclarationDue = TableValues.Date(a.Fee.DeclarationDue),
            PaymentDue = TableValues.Date(a.Fee.PaymentDue),
            QuotaStatus = a.Quota.Status.Code(),
            QuotaKwh = TableValues.Decimal(a.Quota.QuotaKwh),
            RequiredSaleShare = TableValues.Decimal(a.Sale.RequiredShare),
            SaleStatus = a.Sale.Status.Code(),
            LowestSaleShare = TableValues.Decimal(a.Sale.LowestShare is { } s ? Math.Round(s, 8, MidpointRounding.AwayFromZero) : null),
            ConsumptionMonths = string.Join(",", a.ConsumptionMonths),
            SalesMonths = string.Join(",", a.SalesMonths),
            ErrorCount = a.ErrorCount,
            WarningCount = a.WarningCount,
            Inputs = JsonSerializer.Serialize(inputs.Select(i => new[]
                { i.Period.ToString(), i.Kind.Code(), i.UploadId, i.BlobName, i.Sha256, i.ReceivedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) })),
        };

    private sealed record FeeLineJson(string Ground, string? Rate, string Kwh, string? Amount);

    private static AssessmentSummary Read(AssessmentEntity e) => new(
        e.Licence,
        Quarter.Parse(e.Quarter),
        e.RuleVersion,
        e.RegistryVersion,
        e.InputRevision,
        e.Token,
        e.AssessedAt,
        new Dictionary<EnergySource, decimal>
        {
            [EnergySource.Grid] = TableValues.ParseDecimal(e.KwhGrid),
            [EnergySource.Import] = TableValues.ParseDecimal(e.KwhImport),
            [EnergySource.Renewable] = TableValues.ParseDecimal(e.KwhRenewable),
            [EnergySource.OwnGeneration] = TableValues.ParseDecimal(e.KwhOwnGeneration),
            [EnergySource.OffGrid] = TableValues.ParseDecimal(e.KwhOffGrid),
        },
        TableValues.ParseNullableDecimal(e.AveragePriceKzt),
        EnumCodes.Parse<FeeStatus>(e.FeeStatus),
        TableValues.ParseNullableDecimal(e.FeeKzt),
        (JsonSerializer.Deserialize<FeeLineJson[]>(e.FeeLines) ?? []).Select(l => new FeeLine(MessageJson.Deserialize(l.Ground), TableValues.ParseNullableDecimal(l.Rate),
            TableValues.ParseDecimal(l.Kwh), TableValues.ParseNullableDecimal(l.Amount))).ToArray(),
        TableValues.ParseNullableDate(e.DeclarationDue),
        TableValues.ParseNullableDate(e.PaymentDue),
        EnumCodes.Parse<QuotaStatus>(e.QuotaStatus),
        TableValues.ParseNullableDecimal(e.QuotaKwh),
        TableValues.ParseNullableDecimal(e.RequiredSaleShare),
        EnumCodes.Parse<SaleStatus>(e.SaleStatus),
        TableValues.ParseNullableDecimal(e.LowestSaleShare),
        Months(e.ConsumptionMonths),
        Months(e.SalesMonths),
        e.ErrorCount,
        e.WarningCount,
        (JsonSerializer.Deserialize<string[][]>(e.Inputs) ?? []).Select(i => new AssessmentInputRef(
            Month.Parse(i[0]), EnumCodes.Parse<ReportKind>(i[1]), i[2], i[3], i[4],
            DateTimeOffset.ParseExact(i[5], "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))).ToArray());

    private static ViolationEntity ToEntity(string quarter, string licenceKey, string token, int sequence, Violation v, string ruleVersion) => new()
    {
        PartitionKey = quarter,
        RowKey = string.Create(CultureInfo.InvariantCulture, $"{licenceKey}|{token}|{sequence:D4}"),
        Licence = v.Licence,
        Token = token,
        Code = v.Code,
        Severity = v.Severity.Code(),
        Period = v.Period,
        Subject = v.Subject,
        Message = MessageJson.Serialize(v.Message),
        Figures = JsonSerializer.Serialize(v.Figures.Select(f => new[] { f.Name, TableValues.Decimal(f.Value), f.Unit })),
        RuleReference = v.RuleReference,
        Source = v.Source,
        RuleVersion = ruleVersion,
    };

    private static Violation ReadViolation(ViolationEntity e) => new(
        MessageJson.Deserialize(e.Message),
        EnumCodes.Parse<Severity>(e.Severity),
        e.Licence,
        e.Period,
        e.Subject,
        (JsonSerializer.Deserialize<string[][]>(e.Figures) ?? []).Select(f => new Figure(f[0], TableValues.ParseDecimal(f[1]), f[2])).ToArray(),
        e.RuleReference,
        e.Source);

    private static IReadOnlyList<Month> Months(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',').Select(Month.Parse).ToArray();
}

/// <summary>A stored violation and the token of the assessment that wrote it.</summary>
public sealed record ViolationRow(string Licence, string? Token, Violation Violation);
