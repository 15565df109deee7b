using Reporting.Domain.Text;

namespace Reporting.Cli;

/// <summary>Every sentence the command line prints for people (errors, summaries); machine output (--json) has none.</summary>
internal static class CliTexts
{
    // Errors (one line each; stack traces only with --verbose)
    public static readonly TextKey Error = new("cli.error", "message");
    public static readonly TextKey RunHelp = new("cli.run-help");
    public static readonly TextKey ErrorRules = new("cli.error.rules", "message");
    public static readonly TextKey ErrorSettings = new("cli.error.settings", "message");
    public static readonly TextKey ErrorStorageUnreachable = new("cli.error.storage-unreachable", "detail");
    public static readonly TextKey ErrorStorageRefused = new("cli.error.storage-refused", "status", "code", "detail");
    public static readonly TextKey ErrorStorageAuthentication = new("cli.error.storage-authentication", "status", "code");
    public static readonly TextKey ErrorCannotWrite = new("cli.error.cannot-write", "path", "detail");
    public static readonly TextKey ErrorUnexpected = new("cli.error.unexpected", "type", "message");
    public static readonly TextKey Cancelled = new("cli.cancelled");
    public static readonly TextKey FileNotFound = new("cli.error.file-not-found", "files");
    public static readonly TextKey FolderNotFound = new("cli.error.folder-not-found", "folder");
    public static readonly TextKey OutIsFolder = new("cli.error.out-is-folder", "path");
    public static readonly TextKey NoStorage = new("cli.error.no-storage", "variable");
    public static readonly TextKey NotAQuarter = new("cli.error.not-a-quarter", "text");
    public static readonly TextKey NotAMonth = new("cli.error.not-a-month", "text");
    public static readonly TextKey NotALanguage = new("cli.error.not-a-language", "text");
    public static readonly TextKey NotABlobEndpoint = new("cli.error.not-a-blob-endpoint", "text");

    // validate
    public static readonly TextKey ValidateWarning = new("cli.validate.warning");
    public static readonly TextKey ValidateValid = new("cli.validate.valid", "file", "what", "warnings");
    public static readonly TextKey ValidateRejected = new("cli.validate.rejected", "file", "what", "errors", "warnings");

    // assess
    public static readonly TextKey AssessHeader = new("cli.assess.header", "licence", "quarter", "rules");
    public static readonly TextKey AssessKwh = new("cli.assess.kwh", "total", "sources");
    public static readonly TextKey AssessFee = new("cli.assess.fee", "fee", "basis");
    public static readonly TextKey AssessFeeUnverified = new("cli.assess.fee-unverified", "basis");
    public static readonly TextKey AssessDue = new("cli.assess.due", "declaration", "payment");
    public static readonly TextKey AssessQuota = new("cli.assess.quota", "status");
    public static readonly TextKey AssessQuotaKwh = new("cli.assess.quota-kwh", "status", "quota");
    public static readonly TextKey AssessSale = new("cli.assess.sale", "status");
    public static readonly TextKey AssessSaleRequired = new("cli.assess.sale-required", "status", "required", "assets");
    public static readonly TextKey AssessSaleAsset = new("cli.assess.sale-asset", "asset", "share", "mined", "sold");
    public static readonly TextKey AssessRule = new("cli.assess.rule", "reference", "status", "source");
    public static readonly TextKey AssessNoViolations = new("cli.assess.no-violations");
    public static readonly TextKey AssessViolations = new("cli.assess.violations", "count");
    public static readonly TextKey AssessInvalidFiles = new("cli.assess.invalid-files", "count");
    public static readonly TextKey None = new("cli.none");
    public static readonly TextKey NotAvailable = new("cli.not-available");

    // ingest
    public static readonly TextKey IngestProgress = new("cli.ingest.progress");
    public static readonly TextKey IngestCounts = new("cli.ingest.counts", "errors", "warnings");
    public static readonly TextKey IngestSummary = new("cli.ingest.summary", "processed", "blobs", "accepted", "rejected", "duplicate", "superseded", "skipped", "failed", "reassessed");
    public static readonly TextKey IngestStoppedEarly = new("cli.ingest.stopped-early");
    public static readonly TextKey IngestFailures = new("cli.ingest.failures", "count");

    // registry
    public static readonly TextKey RegistryNotImported = new("cli.registry.not-imported", "file", "errors");
    public static readonly TextKey RegistryTable = new("cli.registry.table", "table", "added", "updated", "removed", "unchanged");
    public static readonly TextKey RegistryImported = new("cli.registry.imported", "version", "previous");
    public static readonly TextKey RegistryUnchanged = new("cli.registry.unchanged", "version");
    public static readonly TextKey RegistryEmpty = new("cli.registry.empty");

    // template, samples, storage
    public static readonly TextKey TemplateWritten = new("cli.template.written", "kind", "path");
    public static readonly TextKey TemplateRegistryWritten = new("cli.template.registry-written", "path");
    public static readonly TextKey StorageContainer = new("cli.storage.container", "name");
    public static readonly TextKey StorageTable = new("cli.storage.table", "name");
    public static readonly TextKey StorageQueue = new("cli.storage.queue", "name");

    // report
    public static readonly TextKey ReportDescribe = new("cli.report.describe", "quarter", "version", "state", "licences", "kwh", "fee", "violations", "missing", "late");
    public static readonly TextKey ReportRateUnverified = new("cli.report.rate-unverified", "count");
    public static readonly TextKey ReportNew = new("cli.report.new");
    public static readonly TextKey ReportUnchanged = new("cli.report.unchanged");
    public static readonly TextKey ReportSaved = new("cli.report.saved", "path", "csv", "blob");
    public static readonly TextKey ReportNotBegun = new("cli.report.not-begun", "quarter");
    public static readonly TextKey ReportNone = new("cli.report.none", "quarter");
    public static readonly TextKey LinkHours = new("cli.report.link-hours");
    public static readonly TextKey LinkValid = new("cli.report.link-valid", "quarter", "version", "lifetime");
    public static readonly TextKey LifetimeHours = new("cli.lifetime.hours", "hours");
    public static readonly TextKey LifetimeMinutes = new("cli.lifetime.minutes", "minutes");

    // reconcile
    public static readonly TextKey ReconcileFinding = new("cli.reconcile.finding", "month", "licence", "code", "subject", "message");
    public static readonly TextKey ReconcileSummary = new("cli.reconcile.summary", "month", "findings", "added", "resolved", "sources");
    public static readonly TextKey ReconcileSource = new("cli.reconcile.source", "source", "state", "detail");
    public static readonly TextKey ReconcileSourceState = new("cli.reconcile.source-state", "source", "state");

    // audit
    public static readonly TextKey AuditFinding = new("cli.audit.finding", "kind", "partition", "quarter", "detail", "state");
    public static readonly TextKey AuditRepaired = new("cli.audit.repaired");
    public static readonly TextKey AuditNotRepaired = new("cli.audit.not-repaired");
    public static readonly TextKey AuditSummary = new("cli.audit.summary", "licences", "submissions", "states", "versions", "findings", "unrepaired");

    // status, retry
    public static readonly TextKey StatusQueue = new("cli.status.queue", "queue", "waiting", "poison");
    public static readonly TextKey StatusUnit = new("cli.status.unit", "state", "target", "batch", "attempt", "finished", "detail");
    public static readonly TextKey StatusPoisonMessage = new("cli.status.poison-message", "message");
    public static readonly TextKey StatusAllWell = new("cli.status.all-well");
    public static readonly TextKey RetryMoved = new("cli.retry.moved", "count");
    public static readonly TextKey RetryUnit = new("cli.retry.unit", "message");
    public static readonly TextKey NotAQueue = new("cli.error.not-a-queue", "text", "queues");

    // serve
    public static readonly TextKey ServeStarted = new("cli.serve.started", "interval", "timers");
    public static readonly TextKey ServeTimer = new("cli.serve.timer", "name", "schedule", "next");
    public static readonly TextKey ServeStorage = new("cli.serve.storage", "container", "connection");
    public static readonly TextKey ServePortal = new("cli.serve.portal", "url");
    public static readonly TextKey ServeEnqueued = new("cli.serve.enqueued", "time", "timer", "units");
    public static readonly TextKey ServeUnitDone = new("cli.serve.unit-done", "time", "queue", "target", "detail");
    public static readonly TextKey ServeUnitFailed = new("cli.serve.unit-failed", "time", "queue", "target", "error", "delivery");
    public static readonly TextKey ServeUnitPoisoned = new("cli.serve.unit-poisoned", "time", "queue", "target", "error");
    public static readonly TextKey ServeUpload = new("cli.serve.upload", "time", "line");
    public static readonly TextKey ServeStepUnavailable = new("cli.serve.step-unavailable", "time", "step", "error");
    public static readonly TextKey ServeStepFailed = new("cli.serve.step-failed", "time", "step", "type", "error");
    public static readonly TextKey ServeStopped = new("cli.serve.stopped");
    public static readonly TextKey ServeBadInterval = new("cli.serve.bad-interval");
    public static readonly TextKey ServeBadPort = new("cli.serve.bad-port");

    // demo
    public static readonly TextKey DemoGenerating = new("cli.demo.generating", "licences", "from", "to");
    public static readonly TextKey DemoPlan = new("cli.demo.plan", "licences", "uploads", "late", "broken", "corrected", "duplicates");
    public static readonly TextKey DemoImporting = new("cli.demo.importing");
    public static readonly TextKey DemoImported = new("cli.demo.imported", "version", "licences", "quotas", "equipment");
    public static readonly TextKey DemoUploading = new("cli.demo.uploading", "uploads");
    public static readonly TextKey DemoIngesting = new("cli.demo.ingesting");
    public static readonly TextKey DemoReconciling = new("cli.demo.reconciling", "url");
    public static readonly TextKey DemoReconciled = new("cli.demo.reconciled", "findings", "months", "planted", "incomplete");
    public static readonly TextKey DemoBuilding = new("cli.demo.building");
    public static readonly TextKey DemoIngestFailed = new("cli.demo.ingest-failed");
    public static readonly TextKey DemoColumnQuarter = new("cli.demo.column.quarter");
    public static readonly TextKey DemoColumnLicences = new("cli.demo.column.licences");
    public static readonly TextKey DemoColumnKwh = new("cli.demo.column.kwh");
    public static readonly TextKey DemoColumnFee = new("cli.demo.column.fee");
    public static readonly TextKey DemoColumnViolations = new("cli.demo.column.violations");
    public static readonly TextKey DemoColumnMissing = new("cli.demo.column.missing");
    public static readonly TextKey DemoColumnLate = new("cli.demo.column.late");
    public static readonly TextKey DemoColumnFindings = new("cli.demo.column.findings");
    public static readonly TextKey DemoColumnReport = new("cli.demo.column.report");
    public static readonly TextKey DemoYear = new("cli.demo.year", "year", "kwh", "fee", "usd", "rate");
    public static readonly TextKey DemoArticle = new("cli.demo.article");
    public static readonly TextKey DemoWhere = new("cli.demo.where", "folder");
    public static readonly TextKey DemoServeHint = new("cli.demo.serve-hint");
    public static readonly TextKey DemoServing = new("cli.demo.serving", "miner", "committee");

    // stand-in
    public static readonly TextKey StandInServing = new("cli.standin.serving", "folder", "url", "fault");
    public static readonly TextKey StandInStopped = new("cli.standin.stopped", "requests");

    // embedded storage
    public static readonly TextKey AzuriteStarting = new("cli.azurite.starting");
    public static readonly TextKey AzuriteStartingAt = new("cli.azurite.starting-at", "folder");
    public static readonly TextKey AzuriteListening = new("cli.azurite.listening", "blob", "queue", "table");
    public static readonly TextKey AzuriteMissing = new("cli.error.azurite-missing");
}
