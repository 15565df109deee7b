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

/// <summary>A source's state in a run: "available", "unavailable", or "not-configured", with why.</summary>
public sealed record SourceStatus(string State, string? Detail)
{
    public static SourceStatus Available { get; } = new("available", null);
}

public sealed record ReconciliationResult(Month Month, IReadOnlyList<Finding> Findings, IReadOnlyDictionary<string, SourceStatus> Sources, int Added, int Removed, SweepResult? Sweep)
{
    public bool Complete => Sources.Values.All(s => s.State != "unavailable");
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
        var evaluated = new List<FindingSource> { FindingSource.Reports };

        await EvaluateAsync(marketOperator, FindingSource.MarketOperator, async token =>
        {
            var purchases = await marketOperator.GetMonthlyPurchasesAsync(month.ToString(), token).ConfigureAwait(false);
            var byLicence = purchases.GroupBy(p => p.Licence.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Sum(p => p.Kwh), StringComparer.Ordinal);
            return Reconciler.Consumption(month, consumption, byLicence, settings.Kwh);
        }).ConfigureAwait(false);

        await EvaluateAsync(exchange, FindingSource.Exchange, async token =>
        {
            var list = new List<Finding>();
            foreach (var report in sales.Where(s => s.Sold.Any(x => exchanges.Any(e => e.Matches(x.Exchange)))))
            {
                var confirmations = await CallAsync(t => exchange.GetTradeConfirmationsAsync(report.Licence, month.ToString(), t), token).ConfigureAwait(false);
                list.AddRange(Reconciler.Sales(month, report, exchanges, confirmations.Select(c => (c.TradeId, c.Asset, c.Quantity)), settings.Quantity));
            }

            return list;
        }).ConfigureAwait(false);

        await EvaluateAsync(pools, FindingSource.Pools, async token =>
        {
            var list = new List<Finding>();
            foreach (var report in sales)
            {
                var paid = await CallAsync(t => pools.GetDistributionsAsync(report.Licence, month.ToString(), t), token).ConfigureAwait(false);
                list.AddRange(Reconciler.Mined(month, report, paid.Select(d => (d.Asset, d.Quantity)), settings.Quantity));
            }

            return list;
        }).ConfigureAwait(false);

        var (added, removed) = await findings.ReplaceAsync(month, evaluated, result, cancellationToken).ConfigureAwait(false);
        var current = await findings.ListAsync(month, cancellationToken).ConfigureAwait(false);
        await findings.RecordRunAsync(new ReconciliationRun(month, time.GetUtcNow(), sources.ToDictionary(s => s.Key, s => s.Value.Detail is null ? s.Value.State : $"{s.Value.State}: {s.Value.Detail}"),
            current.Count, added, removed), cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, month.ToString(), current.Count, added, removed, string.Join(", ", sources.Select(s => $"{s.Key} {s.Value.State}")));
        return new ReconciliationResult(month, current.OrderBy(f => f.Licence, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal).ThenBy(f => f.Subject, StringComparer.Ordinal).ToArray(),
            sources, added, removed, swept);

        async Task EvaluateAsync(IExternalSourceClient client, FindingSource source, Func<CancellationToken, Task<IEnumerable<Finding>>> evaluate)
        {
            var name = SourceName(source);
            if (!client.IsConfigured)
            {
                sources[name] = new SourceStatus("not-configured", client.NotConfiguredReason);
                return;
            }

            try
            {
                var found = source == FindingSource.MarketOperator
                    ? await CallAsync(evaluate, cancellationToken).ConfigureAwait(false)
                    : await evaluate(cancellationToken).ConfigureAwait(false);
                result.AddRange(found);
                evaluated.Add(source);
                sources[name] = SourceStatus.Available;
            }
            catch (ExternalSourceException e)
            {
                // Recorded, not thrown: the other sources are still reconciled and this one's earlier findings stay.
                sources[name] = new SourceStatus("unavailable", e.Message);
                LogUnavailable(logger, name, month.ToString(), e.Message);
            }
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
}
