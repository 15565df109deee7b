using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Reporting.Application.Ingestion;
using Reporting.Benchmarks.Harness;
using Reporting.Domain.Periods;
using Reporting.Domain.Submissions;
using Reporting.Samples;
using Reporting.Storage;
using Reporting.Storage.Emulator;
using Reporting.Storage.Ledger;
using Reporting.Web.Hosting;
using Reporting.Web.Uploads;
using static Reporting.Benchmarks.Harness.Markdown;

namespace Reporting.Benchmarks.Cases;

/// <summary>
/// The deadline rush: 330 licences in force in a month each upload their two reports through the portal's
/// HTTP endpoint within one minute (the portal as `reporting serve` runs it, on loopback, over Azurite). Arrivals are
/// spread evenly over the minute in a shuffled order, at most <see cref="InFlight"/> at once; a request that has to
/// wait for a free slot counts its wait. Upload → validation result is the request's time until its page (the check of
/// the file) is read; upload → processing outcome ends at the submission's recorded ProcessedAt (the page shows it at
/// its next status poll, Portal:StatusPollInterval later at most). Then it proves nothing was lost or doubled: every
/// upload answered once with its own id, one blob and one accepted submission each, and the status endpoint says so.
/// </summary>
internal static class RushBenchmark
{
    private const int InFlight = 32;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static async Task<Section> RunAsync(BenchContext context)
    {
        // The month just closed in Kazakhstan, so no upload is "in the future" on the real clock the portal reads.
        var month = Month.Of(KazakhstanTime.Today(TimeProvider.System)).Previous;
        // Licences not in force that month (not yet issued, expired, suspended) file nothing: the population grows until
        // enough are active, and the first of them rush.
        var wanted = context.Quick ? 60 : 330;
        DemoPlan plan;
        for (var population = wanted; ; population += wanted / 4)
        {
            plan = DemoPlan.Create(new DemoOptions
            {
                Licences = population, From = month, To = month, Seed = 31,
                LateShare = 0, MissingShare = 0, CorrectionShare = 0, BrokenShare = 0, DuplicateShare = 0,
            });
            if (plan.Uploads.Select(LicenceOf).Distinct(StringComparer.Ordinal).Count() >= wanted) break;
        }

        var rushing = plan.Uploads.Select(LicenceOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(wanted).ToHashSet(StringComparer.Ordinal);
        await using var azurite = await AzuriteServer.StartAsync().ConfigureAwait(false);
        var prefix = "r" + Guid.NewGuid().ToString("N")[..8];
        await using (var setup = await BenchPipeline.CreateAsync(azurite.ConnectionString, prefix).ConfigureAwait(false))
            await setup.ImportRegistryAsync(plan.Registry).ConfigureAwait(false);
        await using var portal = await PortalServer.StartAsync(new PortalServerOptions
        {
            Port = 0,
            Settings = new Dictionary<string, string?> { ["Storage:ConnectionString"] = azurite.ConnectionString, ["Storage:NamePrefix"] = prefix },
        }).ConfigureAwait(false);

        var uploads = plan.Uploads.Where(u => rushing.Contains(LicenceOf(u))).Select(u => (Licence: LicenceOf(u), u.Content)).ToArray();
        var licences = uploads.Select(u => u.Licence).Distinct(StringComparer.Ordinal).ToArray();
        context.Say($"rush: signing in {licences.Length} miners");
        var visitors = new ConcurrentDictionary<string, (PortalVisitor Visitor, string Token)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(licences, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (licence, _) =>
        {
            var visitor = new PortalVisitor(portal.BaseUrl);
            visitors[licence] = (visitor, await visitor.SignInAndOpenAsync(SampleUsers.MinerOf(licence), $"/licences/{licence}").ConfigureAwait(false));
        }).ConfigureAwait(false);

        context.Say($"rush: {uploads.Length} uploads within {Window.TotalSeconds:0} s, at most {InFlight} at once");
        var order = uploads.OrderBy(u => u.Licence, StringComparer.Ordinal).ToArray();
        new Random(7).Shuffle(order);
        var spacing = Window.TotalSeconds * 0.95 / order.Length;
        var results = new ConcurrentBag<Answer>();
        using var slots = new SemaphoreSlim(InFlight);
        var clock = Stopwatch.StartNew();
        var startedAt = TimeProvider.System.GetUtcNow(); // the real clock: the portal stamps ProcessedAt with it too
        await Task.WhenAll(order.Select(async (upload, i) =>
        {
            var due = TimeSpan.FromSeconds(i * spacing);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait).ConfigureAwait(false);
            await slots.WaitAsync().ConfigureAwait(false);
            try
            {
                var (visitor, token) = visitors[upload.Licence];
                var (status, page) = await visitor.UploadAsync(upload.Licence, upload.Content, $"report-{i}.xlsx", token).ConfigureAwait(false);
                results.Add(new Answer(upload.Licence, status, PortalVisitor.UploadId(page), PortalVisitor.IssueRows(page), startedAt + due,
                    (clock.Elapsed - due).TotalSeconds));
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        var rushSeconds = clock.Elapsed.TotalSeconds;

        context.Say("rush: waiting for every outcome");
        var ledger = portal.Services.GetRequiredService<SubmissionLedger>();
        var answered = results.Where(r => r.UploadId is not null).ToArray();
        var recorded = await OutcomesAsync(ledger, answered, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var blobs = await CountBlobsAsync(portal.Services.GetRequiredService<StorageClients>()).ConfigureAwait(false);
        var seenProcessed = 0;
        foreach (var answer in answered)
        {
            var status = await visitors[answer.Licence].Visitor.GetPageAsync($"/licences/{answer.Licence}/uploads/{answer.UploadId}/status").ConfigureAwait(false);
            if (status.Contains("\"processed\":true", StringComparison.Ordinal)) seenProcessed++;
        }

        foreach (var (visitor, _) in visitors.Values) visitor.Dispose();

        var validation = results.Select(r => r.ValidationSeconds).ToArray();
        var outcome = answered.Where(a => recorded.ContainsKey(a.UploadId!)).Select(a => (recorded[a.UploadId!].ProcessedAt - a.SentAt).TotalSeconds).ToArray();
        var ok = results.Count(r => r.Status == HttpStatusCode.OK);
        var distinctIds = answered.Select(a => a.UploadId).Distinct(StringComparer.Ordinal).Count();
        var accepted = recorded.Values.Count(r => r.Status == SubmissionStatus.Accepted);
        var clean = results.Count(r => r.IssueRows == 0);
        var whole = ok == uploads.Length && distinctIds == uploads.Length && blobs == uploads.Length && recorded.Count == uploads.Length
            && accepted == uploads.Length && seenProcessed == uploads.Length && clean == uploads.Length;

        string[][] rows =
        [
            ["Upload → validation result (the page's check)", Seconds(Percentile(validation, 0.50)), Seconds(Percentile(validation, 0.95)), Seconds(validation.Max())],
            ["Upload → processing outcome recorded", Seconds(Percentile(outcome, 0.50)), Seconds(Percentile(outcome, 0.95)), Seconds(outcome.DefaultIfEmpty(double.NaN).Max())],
        ];
        var markdown =
            $"{uploads.Length:N0} uploads (a consumption and a sales report of {month} for each of {licences.Length} licences in force that month, of a registry of {plan.Registry.Licences.Count}) through `POST /licences/{{licence}}/uploads` " +
            $"of the portal as `reporting serve` runs it (127.0.0.1, development sign-in, each upload processed on receipt, {new IngestionOptions().MaxParallelism} at once), on Azurite. " +
            $"Arrivals spread evenly over {Window.TotalSeconds:0} s in a shuffled order, at most {InFlight} requests at once; the last answer came " +
            $"{Number(rushSeconds, "0.0")} s after the first request. Times run from each request's planned start (a wait for a free slot counts).\n\n" +
            Table(["From upload to", "p50", "p95", "max"], rows) + "\n" +
            Table(["Nothing lost or doubled", "Count"],
            [
                ["Uploads sent", Number(uploads.Length)],
                ["Answered 200 with the submission's page", Number(ok)],
                ["… with no issue listed (every file valid)", Number(clean)],
                ["Distinct upload ids in the answers", Number(distinctIds)],
                ["Blobs in the uploads container", Number(blobs)],
                ["Submissions recorded", Number(recorded.Count)],
                ["… accepted", Number(accepted)],
                ["Status endpoint says processed", Number(seenProcessed)],
            ]);
        var verdicts = new[]
        {
            new Verdict("Deadline rush: upload → validation result p95 ≤ 2 s", Seconds(Percentile(validation, 0.95)), Percentile(validation, 0.95) <= 2),
            new Verdict("Deadline rush: upload → processing outcome p95 ≤ 10 s", Seconds(Percentile(outcome, 0.95)), outcome.Length > 0 && Percentile(outcome, 0.95) <= 10),
            new Verdict("Deadline rush: nothing lost or doubled (one answer, blob and accepted submission per upload)",
                $"{uploads.Length} sent, {distinctIds} ids, {blobs} blobs, {accepted} accepted", whole),
        };
        var data = new
        {
            uploads = uploads.Length, licences = licences.Length, month = month.ToString(), inFlight = InFlight, rushSeconds,
            validation = Summary(validation), outcome = Summary(outcome), ok, clean, distinctIds, blobs, recorded = recorded.Count, accepted, seenProcessed,
        };
        return new Section("rush", "Deadline rush through the portal", markdown, verdicts, data);
    }

    private static string LicenceOf(PlannedUpload upload) => upload.BlobName.Split('/')[0];

    private sealed record Answer(string Licence, HttpStatusCode Status, string? UploadId, int IssueRows, DateTimeOffset SentAt, double ValidationSeconds);

    /// <summary>Waits until processing has recorded every answered upload (or <paramref name="limit"/>); reads each licence's partition.</summary>
    private static async Task<Dictionary<string, SubmissionRow>> OutcomesAsync(SubmissionLedger ledger, IReadOnlyList<Answer> answered, TimeSpan limit)
    {
        var found = new Dictionary<string, SubmissionRow>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var pending = answered.Where(a => !found.ContainsKey(a.UploadId!)).Select(a => a.Licence).Distinct(StringComparer.Ordinal).ToArray();
            if (pending.Length == 0 || deadline.Elapsed > limit) return found;
            foreach (var licence in pending)
            {
                foreach (var row in await ledger.ListSubmissionsAsync(SubmissionLedger.PartitionFor(PortalUploadStore.Folder(licence)), CancellationToken.None).ConfigureAwait(false))
                    found[row.UploadId] = row;
            }

            if (answered.Any(a => !found.ContainsKey(a.UploadId!))) await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    private static async Task<int> CountBlobsAsync(StorageClients clients)
    {
        var count = 0;
        await foreach (var _ in clients.Uploads.GetBlobsAsync().ConfigureAwait(false)) count++;
        return count;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> values, double share)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Length) - 1)];
    }

    private static object Summary(IReadOnlyList<double> values) => values.Count == 0
        ? new { count = 0 }
        : new { p50 = Percentile(values, 0.5), p95 = Percentile(values, 0.95), max = values.Max(), count = values.Count };

    private static string Seconds(double seconds) => double.IsNaN(seconds) ? "—" : Number(seconds, "0.00") + " s";
}
