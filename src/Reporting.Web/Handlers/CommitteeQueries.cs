using Reporting.Application.Reports;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Storage.Reports;
using Reporting.Web.Rendering;

namespace Reporting.Web.Handlers;

/// <summary>
/// The committee's reading of the published reports: every version's row, and the report each version stored (its
/// snapshot), never a report built here. Reads only; each quarter's snapshots are fetched at once.
/// </summary>
public sealed class CommitteeQueries(ReportStore reports)
{
    /// <summary>Every quarter with a published report, oldest first, with its latest version and that version's overview.</summary>
    public async Task<IReadOnlyList<CommitteeQuarterRow>> QuartersAsync(CancellationToken cancellationToken)
    {
        var quarters = await reports.ListQuartersAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(quarters.Select(async quarter =>
        {
            var versions = await reports.ListVersionsAsync(quarter, cancellationToken).ConfigureAwait(false);
            var latest = versions[^1];
            var report = await ReadAsync(latest, cancellationToken).ConfigureAwait(false);
            return new CommitteeQuarterRow(quarter, latest, report is null ? null : QuarterOverview.Of(report));
        })).ConfigureAwait(false);
        return rows.OrderBy(r => r.Quarter).ToArray();
    }

    /// <summary>A quarter's versions (each with what changed from the one before) and its latest report; null without a version.</summary>
    public async Task<CommitteeQuarterModel?> QuarterAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var versions = await reports.ListVersionsAsync(quarter, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0) return null;
        var stored = await Task.WhenAll(versions.Select(v => ReadAsync(v, cancellationToken))).ConfigureAwait(false);
        var rows = versions.Select((version, i) => new CommitteeVersionRow(version, i == 0, i > 0 && stored[i - 1] is { } earlier && stored[i] is { } later
            ? ReportChanges.Between(earlier, later)
            : null)).ToArray();
        var latest = stored[^1];
        return new CommitteeQuarterModel(quarter, versions[^1], latest, latest is null ? null : QuarterOverview.Of(latest), rows);
    }

    /// <summary>The blob of a version's workbook ("xlsx") or CSV ("csv"); null when there is no such version or format.</summary>
    public async Task<(string Blob, string FileName, string ContentType)?> FileAsync(Quarter quarter, int number, string format, CancellationToken cancellationToken)
    {
        var version = (await reports.ListVersionsAsync(quarter, cancellationToken).ConfigureAwait(false)).FirstOrDefault(v => v.Number == number);
        var name = $"consolidated-{quarter}-v{number}";
        return (version, format) switch
        {
            (null, _) => null,
            (_, "xlsx") => (version.WorkbookBlob, name + ".xlsx", Downloads.WorkbookType),
            (_, "csv") => (version.CsvBlob, name + ".csv", "text/csv; charset=utf-8"),
            _ => null,
        };
    }

    public Task<BinaryData> DownloadAsync(string blob, CancellationToken cancellationToken) => reports.DownloadAsync(blob, cancellationToken);

    private async Task<QuarterlyReport?> ReadAsync(ReportVersion version, CancellationToken cancellationToken) =>
        version.SnapshotBlob.Length == 0
            ? null
            : ReportSnapshotJson.Deserialize((await reports.DownloadAsync(version.SnapshotBlob, cancellationToken).ConfigureAwait(false)).ToMemory().Span);
}
