using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reporting.Application.Ingestion;
using Reporting.Application.Reports;
using Reporting.Domain.Periods;
using Reporting.Domain.Reconciliation;
using Reporting.Domain.Reports;
using Reporting.External;
using Reporting.Storage;
using Reporting.Storage.Ledger;
using Reporting.Storage.Reconciliation;
using Reporting.Storage.Registry;

namespace Reporting.Application.Reconciliation;

/// <summary>
/// A source's state in a run: "available"; "partial" (some licences' data could not be fetched: their earlier
/// findings from this source stay); "unavailable" (none could); or "not-configured"; with why.
/// </summary>
public sealed record SourceStatus(string State, string? Detail)
{
    public const string Partial = "partial";
    public const string Unavailable = "unavailable";

    public static SourceStatus Available { get; } = new("available", null);
}

public sealed record ReconciliationResult(Month Month, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, SourceStatus> Sources, int Added, int Removed, SweepResult? Sweep)
{
    public bool Complete => Sources.Values.All(s => s.State is not (SourceStatus.Unavailable or SourceStatus.Partial));
}

/// <summary>
/// Reconciles one month: processes uploads without a submission (the sweep), finds missing and late reports,
/// and compares reported figures with the market operator's sales, the exchanges' trade confirmations and the
/// pools' payouts. Findings are stored idempotently; a source that cannot be reached is recorded as
/// unavailable for the run, its earlier findings kept, and the other sources still reconciled.
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
    public async Task<ReconciliationResult> ReconcileAsync(Month month, bool sweep, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var swept = sweep ? await sweeper.SweepAsync(null, cancellationToken).ConfigureAwait(false) : null;
        var (_, licences, exchanges) = await registry.GetLicencesAsync(cancellationToken).ConfigureAwait(false);
        var active = licences.Where(l => l.IsActiveIn(month)).ToArray();
        var filed = await LoadFiledAsync(active.Select(l => l.Number), month, cancellationToken).ConfigureAwait(false);
        var consumption = filed.Values.SelectMany(f => f).Select(f => f.Report).OfType<ConsumptionReport>().ToArray();
        var sales = filed.Values.SelectMany(f => f).Select(f => f.Report).OfType<SalesReport>().ToArray();
        var settings = options.Value;

        var result = new List<Finding>(Reconciler.Timeliness(month, active, filed, deadlines.Value.ToDeadline(), time.GetUtcNow()));
        var sources = new Dictionary<string, SourceStatus> { ["reports"] = SourceStatus.Available };
        var evaluated = new List<FindingScope> { new(FindingSource.Reports) };

        // One call for the whole month: the source answers or it is unavailable.
        await EvaluateAsync(marketOperator, FindingSource.MarketOperator, async token =>
        {
            var purchases = await CallAsync(t => marketOperator.GetMonthlyPurchasesAsync(month.ToString(), t), token).ConfigureAwait(false);
            var byLicence = purchases.GroupBy(p => p.Licence.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(p => p.Kwh), StringComparer.Ordinal);
            return Reconciler.Consumption(month, consumption, byLicence, settings.Kwh);
        }).ConfigureAwait(false);

        // One call per licence: a licence whose data cannot be fetched is skipped (its earlier findings stay), the rest are reconciled.
        await EvaluatePerLicenceAsync(exchange, FindingSource.Exchange, sales.Where(s => s.Sold.Any(x => exchanges.Any(e => e.Matches(x.Exchange)))), async (report, token) =>
        {
            var confirmations = await CallAsync(t => exchange.GetTradeConfirmationsAsync(report.Licence, month.ToString(), t), token).ConfigureAwait(false);
            return Reconciler.Sales(month, report, exchanges, confirmations.Select(c => (c.Exchange, c.TradeId, c.Asset, c.Quantity)), settings.Quantity);
        }).ConfigureAwait(false);

        await EvaluatePerLicenceAsync(pools, FindingSource.Pools, sales, async (report, token) =>
        {
            var paid = await CallAsync(t => pools.GetDistributionsAsync(report.Licence, month.ToString(), t), token).ConfigureAwait(false);
            return Reconciler.Mined(month, report, paid.Select(d => (d.Asset, d.Quantity)), settings.Quantity);
        }).ConfigureAwait(false);

        var (added, removed) = await findings.ReplaceAsync(month, evaluated, result, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var current = await findings.ListAsync(month, cancellationToken).ConfigureAwait(false);
        await findings.RecordRunAsync(new ReconciliationRun(month, time.GetUtcNow(), sources.ToDictionary(s => s.Key, s => s.Value.Detail is null ? s.Value.State : $"{s.Value.State}: {s.Value.Detail}"),
            current.Count, added, removed), cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, month.ToString(), current.Count, added, removed, string.Join(", ", sources.Select(s => $"{s.Key} {s.Value.State}")));
        return new ReconciliationResult(month, current.OrderBy(f => f.Licence, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal).ToArray(),
            sources, added, removed, swept);

        async Task EvaluateAsync(IExternalSourceClient client, FindingSource source, Func<CancellationToken, Task<IEnumerable<Finding>>> evaluate)
        {
            var name = SourceName(source);
            if (!Configured(client, name)) return;

            try
            {
                result.AddRange(await evaluate(cancellationToken).ConfigureAwait(false));
                evaluated.Add(new FindingScope(source));
                sources[name] = SourceStatus.Available;
            }
            catch (ExternalSourceException e)
            {
                // Recorded, not thrown: the other sources are still reconciled and this one's earlier findings stay.
                sources[name] = new SourceStatus(SourceStatus.Unavailable, e.Message);
                LogUnavailable(logger, name, month.ToString(), e.Message);
            }
        }

        // A source without a base URL or key is recorded as such and not asked.
        bool Configured(IExternalSourceClient client, string name)
        {
            if (!client.IsConfigured) sources[name] = new SourceStatus("not-configured", client.NotConfiguredReason);
            return client.IsConfigured;
        }

        async Task EvaluatePerLicenceAsync(IExternalSourceClient client, FindingSource source, IEnumerable<SalesReport> reports,
            Func<SalesReport, CancellationToken, Task<IEnumerable<Finding>>> evaluate)
        {
            var name = SourceName(source);
            if (!Configured(client, name)) return;

            var asked = 0;
            var skipped = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            string? lastError = null;
            foreach (var report in reports)
            {
                asked++;
                try
                {
                    result.AddRange(await evaluate(report, cancellationToken).ConfigureAwait(false));
                }
                catch (ExternalSourceException e)
                {
                    skipped.Add(report.Licence);
                    lastError = e.Message;
                    LogLicenceUnavailable(logger, name, report.Licence, month.ToString(), e.Message);
                }
            }

            if (asked > 0 && skipped.Count == asked)
            {
                sources[name] = new SourceStatus(SourceStatus.Unavailable, lastError);
                LogUnavailable(logger, name, month.ToString(), lastError!);
                return;
            }

            evaluated.Add(new FindingScope(source, skipped));
            sources[name] = skipped.Count == 0
                ? SourceStatus.Available
                : new SourceStatus(SourceStatus.Partial, $"{skipped.Count} of {asked} licences could not be fetched ({string.Join(", ", skipped)}); last error: {lastError}");
        }
    }

    /// <summary>An external call, tried again after a pause when the source is unavailable (not for bad responses).</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (ExternalSourceException e) when (e.Failure == ExternalSourceFailure.Unavailable && attempt < options.Value.SourceAttempts)
            {
                await Task.Delay(options.Value.SourceRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Dictionary<string, IReadOnlyList<FiledReport>>> LoadFiledAsync(IEnumerable<string> licences, Month month, CancellationToken cancellationToken)
    {
        var filed = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<FiledReport>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(licences, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (licence, token) =>
        {
            var inputs = await ledger.LoadQuarterAsync(SubmissionLedger.PartitionFor(licence), month.Quarter, token).ConfigureAwait(false);
            var received = inputs.Pointers.Where(p => p.Period == month).ToDictionary(p => p.Kind, p => p.ReceivedAt);
            var reports = inputs.Consumption.Cast<MonthReport>().Concat(inputs.Sales).Where(r => r.Period == month)
                .Select(r => new FiledReport(r, received[r.Kind])).ToArray();
            filed[licence.ToUpperInvariant()] = reports;
        }).ConfigureAwait(false);
        return new Dictionary<string, IReadOnlyList<FiledReport>>(filed, StringComparer.Ordinal);
    }

    public static string SourceName(FindingSource source) => source switch
    {
        FindingSource.MarketOperator => "marketOperator",
        FindingSource.Exchange => "exchange",
        FindingSource.Pools => "pools",
        _ => "reports",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Month}: {Findings} findings ({Added} new, {Removed} resolved); sources: {Sources}")]
    private static partial void LogReconciled(ILogger logger, string month, int findings, int added, int removed, string sources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} unavailable while reconciling {Month}: {Message}")]
    private static partial void LogUnavailable(ILogger logger, string source, string month, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source} could not give the data of {Licence} for {Month}: {Message}; its earlier findings stay")]
    private static partial void LogLicenceUnavailable(ILogger logger, string source, string licence, string month, string message);
}
