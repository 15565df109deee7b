namespace Reporting.Storage.Ledger;

/// <summary>
/// An upload's submission row as its own processing writes it (RK <c>upload|{id}</c>), merged, never replaced.
/// It has no SupersededBy: that is the newer upload's to write (<see cref="SupersessionMark"/>), and a merge of
/// this entity can never clear it.
/// </summary>
public record SubmissionEntity : TableRow
{
    public string BlobName { get; set; } = "";
    public string BlobETag { get; set; } = "";
    public string? VersionId { get; set; }
    public string Sha256 { get; set; } = "";
    public long SizeBytes { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>The outcome's code (SubmissionStatus, EnumCodes).</summary>
    public string Status { get; set; } = "";

    public string? Kind { get; set; }
    public string? Licence { get; set; }
    public string? Period { get; set; }
    public string? Quarter { get; set; }
    public int ErrorCount { get; set; }
    public int WarningCount { get; set; }
    public string? FirstErrorCode { get; set; }
    public string? DuplicateOf { get; set; }
    public string? FeedbackJson { get; set; }
    public string? FeedbackWorkbook { get; set; }

    /// <summary>The language the feedback was written in (kk, ru, en).</summary>
    public string? Language { get; set; }

    public string RuleVersion { get; set; } = "";

    /// <summary>True once the whole outcome is recorded: the sweep skips complete uploads.</summary>
    public bool Complete { get; set; }
}

/// <summary>A submission row as read back: what its processing wrote, and the mark of the upload that superseded it.</summary>
public sealed record StoredSubmissionEntity : SubmissionEntity
{
    public string? SupersededBy { get; set; }
}

/// <summary>The mark a newer upload merges into the row of the upload it replaced.</summary>
public sealed record SupersessionMark : TableRow
{
    public string Status { get; set; } = "";
    public string SupersededBy { get; set; } = "";
}

/// <summary>
/// A licence-quarter's state (RK <c>quarter|{quarter}</c>): a revision raised whenever a current report changes,
/// and the current report of each month and kind as JSON, so deciding which upload counts is one conditional write.
/// </summary>
public sealed record QuarterStateEntity : TableRow
{
    public long Revision { get; set; }

    /// <summary>[{ "period", "kind", "upload", "receivedAt", "sha256", "blob", "previous" }, ...]</summary>
    public string Pointers { get; set; } = "[]";
}
