namespace Reporting.Storage;

/// <summary>
/// The names of every container and table the pipeline uses (see docs/storage.md), with the
/// configured prefix applied. One place, so the Bicep, the docs and the code agree.
/// </summary>
public sealed class StorageLayout
{
    public StorageLayout(string prefix = "")
    {
        Prefix = prefix;
        UploadsContainer = Container("uploads");
        FeedbackContainer = Container("feedback");
        ReportsContainer = Container("reports");
        RecordsContainer = Container("records");
    }

    public string Prefix { get; }

    /// <summary>Miners write here, each under its own licence prefix. The pipeline never deletes or overwrites.</summary>
    public string UploadsContainer { get; }

    /// <summary>JSON feedback and annotated workbooks for miners.</summary>
    public string FeedbackContainer { get; }

    /// <summary>Consolidated quarterly reports for the State Revenue Committee.</summary>
    public string ReportsContainer { get; }

    /// <summary>The records of every valid upload (the pipeline's own; miners never see it).</summary>
    public string RecordsContainer { get; }

    public IReadOnlyList<string> Containers => [UploadsContainer, FeedbackContainer, ReportsContainer, RecordsContainer];

    public string Table(TableName name) => Prefix + name;

    public IReadOnlyList<string> Tables => Enum.GetValues<TableName>().Select(Table).ToArray();

    private string Container(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";
}

/// <summary>Every table of the pipeline. The enum name is the table name (without prefix).</summary>
public enum TableName
{
    Licences,
    Quotas,
    Equipment,
    Exchanges,
    Submissions,
    QuarterlyAssessments,
    Violations,
    ReportVersions,
    Findings,
    ReconciliationRuns,
    Users,
}
