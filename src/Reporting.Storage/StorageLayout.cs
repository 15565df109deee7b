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

    /// <summary>
    /// The queue of a kind of work ("work-sweep", ...). The Functions app's queue triggers name them without a prefix, so
    /// a prefix is for the command line and tests only.
    /// </summary>
    public string Queue(WorkQueue queue) => Container(QueueName(queue));

    /// <summary>Where the Functions host (and `reporting serve`) moves a message that failed its last allowed attempt.</summary>
    public string PoisonQueue(WorkQueue queue) => Queue(queue) + "-poison";

    public IReadOnlyList<string> Queues => Enum.GetValues<WorkQueue>().SelectMany(q => new[] { Queue(q), PoisonQueue(q) }).ToArray();

    /// <summary>The unprefixed queue name, as the queue triggers and the Bicep write it.</summary>
    public static string QueueName(WorkQueue queue) => queue switch
    {
        WorkQueue.Sweep => WorkQueueNames.Sweep,
        WorkQueue.Reconcile => WorkQueueNames.Reconcile,
        WorkQueue.Report => WorkQueueNames.Report,
        WorkQueue.Audit => WorkQueueNames.Audit,
        _ => throw new ArgumentOutOfRangeException(nameof(queue), queue, null),
    };

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
    WorkUnits,
    SweepFolders,
}

/// <summary>The queues that carry units of work, one per kind, so each kind's failures land in its own poison queue.</summary>
public enum WorkQueue
{
    Sweep,
    Reconcile,
    Report,
    Audit,
}

/// <summary>The queue names as constants, for the queue triggers' attributes.</summary>
public static class WorkQueueNames
{
    public const string Sweep = "work-sweep";
    public const string Reconcile = "work-reconcile";
    public const string Report = "work-reports";
    public const string Audit = "work-audit";
}
