using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.External;
using Reporting.Storage;
using Reporting.Storage.Ledger;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Registry;

namespace Reporting.Application.Reconciliation;

/// <summary>How far a run got with a source, and why not further (a message a person reads).</summary>
public sealed record SourceStatus(SourceState State, Message? Detail)
{
    public static SourceStatus Available { get; } = new(SourceState.Available, null);

    public bool Complete => State is SourceState.Available or SourceState.NotConfigured;
}

/// <summary>One source's reconciliation of a month: its state, the findings it stored now, and how many are new or resolved.</summary>
public sealed record SourceRun(Month Month, FindingSource Source, SourceStatus Status, int Findings, int Added, int Removed);

public sealed record ReconciliationResult(Month Month, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<FindingSource, SourceStatus> Sources, int Added, int Removed, SweepResult? Sweep)
{
    public bool Complete => Sources.Values.All(s => s.Complete);
}

/// <summary>
/// Reconciles a month, one source at a time: the pipeline's own records (missing and late reports), the market
/// operator's sales (one call for the month), the AIFC exchanges' trade confirmations and the pools' payouts (one call
/// per licence). Each source is a unit of its own (the queue's unit of work): it saves its findings when it finishes, so
/// a source that is down, or a run cut short, costs only that source. The HTTP clients' resilience pipeline is the only
/// retry policy; once a source's circuit breaker opens, the source is not called again in the unit, and the licences
/// left are recorded as not checked (their earlier findings stay; the next run checks them).
/// </summary>
public sealed partial class ReconciliationService(
    UploadSweeper sweeper,
    SubmissionLedger ledger,
    RegistryStore registry,
    FindingStore findings,
    IMarketOperatorClient marketOperator,
    IExchangeClient exchange,
    IPoolClient pools,
    StorageInitializer storage,
    IOptions<ReconciliationOptions> options,
    IOptions<DeadlineOptions> deadlines,
    TimeProvider time,
    ILogger<ReconciliationService> logger)
{
    /// <summary>Every source, in the order a run by hand reports them.</summary>
    public static IReadOnlyList<FindingSource> Sources { get; } = Enum.GetValues<FindingSource>();

    /// <summary>
    /// The whole month (the command line, the demo): optionally a sweep first, then every source at once, as the queue's
    /// units would run side by side.
    /// </summary>
    public async Task<ReconciliationResult> ReconcileAsync(Month month, bool sweep, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var swept = sweep ? await sweeper.SweepAsync(null, cancellationToken).ConfigureAwait(false) : null;
        var runs = await Task.WhenAll(Sources.Select(s => ReconcileSourceAsync(month, s, batch: null, cancellationToken))).ConfigureAwait(false);
        var current = await findings.ListAsync(month, cancellationToken).ConfigureAwait(false);
        return new ReconciliationResult(month,
            current.OrderBy(f => f.Licence, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal).ToArray(),
            runs.ToDictionary(r => r.Source, r => r.Status), runs.Sum(r => r.Added), runs.Sum(r => r.Removed), swept);
    }

    /// <summary>
    /// One unit: the month against one source. Its findings replace the source's earlier ones (except for licences it could
    /// not check) and its run is recorded; with a batch (a queued unit), a second delivery records no second run.
    /// </summary>
    public async Task<SourceRun> ReconcileSourceAsync(Month month, FindingSource source, string? batch, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (found, status, skipped) = source switch
        {
            FindingSource.Reports => await TimelinessAsync(month, cancellationToken).ConfigureAwait(false),
            FindingSource.MarketOperator => await MarketOperatorAsync(month, cancellationToken).ConfigureAwait(false),
            FindingSource.Exchange => await PerLicenceAsync(month, exchange, source, cancellationToken).ConfigureAwait(false),
            FindingSource.Pools => await PerLicenceAsync(month, pools, source, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
        };

        // A source that answered for some licences replaces their findings only; one that did not answer keeps them all.
        var scopes = status.State is SourceState.Unavailable or SourceState.NotConfigured ? [] : new[] { new FindingScope(source, skipped) };
        var (added, removed) = await findings.ReplaceAsync(month, scopes, found, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var count = found.Count(f => f.Source == source);
        await findings.RecordRunAsync(new ReconciliationRun(month, source, time.GetUtcNow(), status.State, status.Detail, count, added, removed, batch), cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, month.ToString(), source.Code(), status.State.Code(), count, added, removed);
        return new SourceRun(month, source, status, count, added, removed);
    }

    private async Task<(IReadOnlyList<Finding>, SourceStatus, IReadOnlySet<string>?)> TimelinessAsync(Month month, CancellationToken cancellationToken)
    {
        var (active, _) = await ActiveLicencesAsync(month, cancellationToken).ConfigureAwait(false);
        var filed = await LoadFiledAsync(active.Select(l => l.Number), month, new HashSet<ReportKind> { ReportKind.Consumption, ReportKind.Sales }, cancellationToken).ConfigureAwait(false);
        return (Reconciler.Timeliness(month, active, filed, deadlines.Value.ToDeadline(), time.GetUtcNow()).ToArray(), SourceStatus.Available, null);
    }

    /// <summary>One call for the whole month: the source answers or it is unavailable.</summary>
    private async Task<(IReadOnlyList<Finding>, SourceStatus, IReadOnlySet<string>?)> MarketOperatorAsync(Month month, CancellationToken cancellationToken)
    {
        if (!marketOperator.IsConfigured) return ([], NotConfigured(marketOperator), null);
        var (active, _) = await ActiveLicencesAsync(month, cancellationToken).ConfigureAwait(false);
        try
        {
            var purchases = await marketOperator.GetMonthlyPurchasesAsync(month.ToString(), cancellationToken).ConfigureAwait(false);
            var filed = await LoadFiledAsync(active.Select(l => l.Number), month, new HashSet<ReportKind> { ReportKind.Consumption }, cancellationToken).ConfigureAwait(false);
            var consumption = filed.Values.SelectMany(f => f).Select(f => f.Report).OfType<ConsumptionReport>().ToArray();
            var byLicence = purchases.GroupBy(p => p.Licence.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(p => p.Kwh), StringComparer.Ordinal);
            return (Reconciler.Consumption(month, consumption, byLicence, options.Value.Kwh).ToArray(), SourceStatus.Available, null);
        }
        catch (ExternalSourceException e)
        {
            LogUnavailable(logger, "market-operator", month.ToString(), e.Message);
            return ([], new SourceStatus(SourceState.Unavailable, ReconciliationTexts.Unavailable.With(("error", e.Message))), null);
        }
    }

    /// <summary>
    /// One call per licence that reported sales: a licence whose data cannot be fetched is skipped (its earlier findings
    /// stay), and once the circuit is open the source is not called again: the licences left are not checked.
    /// </summary>
    private async Task<(IReadOnlyList<Finding>, SourceStatus, IReadOnlySet<string>?)> PerLicenceAsync(Month month, IExternalSourceClient client, FindingSource source,
        CancellationToken cancellationToken)
    {
        if (!client.IsConfigured) return ([], NotConfigured(client), null);
        var (active, exchanges) = await ActiveLicencesAsync(month, cancellationToken).ConfigureAwait(false);
        var filed = await LoadFiledAsync(active.Select(l => l.Number), month, new HashSet<ReportKind> { ReportKind.Sales }, cancellationToken).ConfigureAwait(false);
        var sales = filed.Values.SelectMany(f => f).Select(f => f.Report).OfType<SalesReport>()
            .Where(s => source != FindingSource.Exchange || s.Sold.Any(x => exchanges.Any(e => e.Matches(x.Exchange))))
            .OrderBy(s => s.Licence, StringComparer.Ordinal).ToArray();

        var result = new List<Finding>();
        var skipped = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        string? lastError = null;
        var circuitOpen = false;
        foreach (var report in sales)
        {
            if (circuitOpen)
            {
                skipped.Add(report.Licence);
                continue;
            }

            try
            {
                result.AddRange(source == FindingSource.Exchange
                    ? Reconciler.Sales(month, report, exchanges, (await exchange.GetTradeConfirmationsAsync(report.Licence, month.ToString(), cancellationToken).ConfigureAwait(false))
                        .Select(c => (c.Exchange, c.TradeId, c.Asset, c.Quantity)), options.Value.Quantity)
                    : Reconciler.Mined(month, report, (await pools.GetDistributionsAsync(report.Licence, month.ToString(), cancellationToken).ConfigureAwait(false))
                        .Select(d => (d.Asset, d.Quantity)), options.Value.Quantity));
            }
            catch (ExternalSourceException e)
            {
                skipped.Add(report.Licence);
                lastError = e.Message;
                circuitOpen = e.IsCircuitOpen;
                LogLicenceUnavailable(logger, source.Code(), report.Licence, month.ToString(), e.Message);
            }
        }

        if (skipped.Count == 0) return (result, SourceStatus.Available, null);
        var notChecked = ReconciliationTexts.NotChecked.With(("count", (MessageValue)skipped.Count), ("total", sales.Length), ("licences", MessageValue.Texts(skipped)), ("error", lastError));
        if (circuitOpen) LogCircuitOpen(logger, source.Code(), month.ToString(), skipped.Count);
        return (result, new SourceStatus(skipped.Count == sales.Length ? SourceState.Unavailable : SourceState.Partial, notChecked), skipped);
    }

    private static SourceStatus NotConfigured(IExternalSourceClient client) =>
        new(SourceState.NotConfigured, ReconciliationTexts.NotConfigured.With(("reason", client.NotConfiguredReason)));

    private async Task<(IReadOnlyList<Domain.Registry.Licence> Active, IReadOnlyList<Domain.Registry.AifcExchange> Exchanges)> ActiveLicencesAsync(Month month, CancellationToken cancellationToken)
    {
        var (_, licences, exchanges) = await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        return (licences.Where(l => l.IsActiveIn(month)).ToArray(), exchanges);
    }

    private async Task<Dictionary<string, IReadOnlyList<FiledReport>>> LoadFiledAsync(IEnumerable<string> licences, Month month, IReadOnlySet<ReportKind> kinds, CancellationToken cancellationToken)
    {
        var filed = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<FiledReport>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(licences, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (licence, token) =>
            filed[licence.ToUpperInvariant()] = await ledger.LoadMonthAsync(SubmissionLedger.PartitionFor(licence), month, kinds, token).ConfigureAwait(false)).ConfigureAwait(false);
        return new Dictionary<string, IReadOnlyList<FiledReport>>(filed, StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Month} against {Source}: {State}, {Findings} findings ({Added} new, {Removed} resolved)")]
    private static partial void LogReconciled(ILogger logger, string month, string source, string state, int findings, int added, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} unavailable while reconciling {Month}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string source, string month, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} could not give the data of {Licence} for {Month}: {Message}; its earlier findings stay")]
    private static partial void LogLicenceUnavailable(ILogger logger, string source, string licence, string month, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}'s circuit is open while reconciling {Month}: not called again in this run; {Count} licences not checked")]
    private static partial void LogCircuitOpen(ILogger logger, string source, string month, int count);
}
