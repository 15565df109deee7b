using System.ComponentModel.DataAnnotations;

namespace Reporting.Excel.Reading;

/// <summary>
/// Bounds on what the pipeline reads from an uploaded workbook, so a large or hostile file is rejected
/// quickly with bounded memory instead of being loaded.
/// </summary>
public sealed class WorkbookLimits
{
    public const string SectionName = "Workbook";

    /// <summary>Largest accepted file, in bytes (default 20 MB).</summary>
    [Range(1024, 1L << 31)]
    public long MaxBytes { get; set; } = 20_000_000;

    /// <summary>Most data rows in one sheet (default 50,000).</summary>
    [Range(1, 1_048_576)]
    public int MaxRows { get; set; } = 50_000;

    /// <summary>Most bytes all parts of the workbook may expand to (zip-bomb guard, default 256 MiB).</summary>
    [Range(1024, 1L << 34)]
    public long MaxUncompressedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Most bytes the shared string table may expand to (default 32 MiB). It is kept in memory while the
    /// sheets are read, so it is bounded on its own; a 50,000-row report of distinct texts needs about 15 MiB.
    /// </summary>
    [Range(1024, 1L << 31)]
    public long MaxSharedStringsBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Most parts (zip entries) a workbook may have (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 1000;

    /// <summary>
    /// Most bytes a valid report's records may take once stored (default 32 MiB; a 50,000-row report of usual values
    /// takes about 7 MiB). A larger one is rejected as report-too-large before anything is recorded.
    /// </summary>
    [Range(1024, 1L << 31)]
    public long MaxRecordBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Most problems listed per file; the rest are counted (default 1,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxIssues { get; set; } = 1000;
}
