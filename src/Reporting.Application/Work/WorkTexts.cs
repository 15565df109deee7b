using Reporting.Domain.Text;

namespace Reporting.Application.Work;

/// <summary>What a unit of work did, or why it failed, as `reporting status` and the committee's About sheet say it.</summary>
public static class WorkTexts
{
    public static readonly TextKey SweepDone = new("work.done.sweep", "processed", "reassessed");
    public static readonly TextKey ReconcileDone = new("work.done.reconcile", "state", "findings", "added", "resolved");
    public static readonly TextKey ReportNew = new("work.done.report-new", "version");
    public static readonly TextKey ReportUnchanged = new("work.done.report-unchanged", "version");
    public static readonly TextKey AuditDone = new("work.done.audit", "findings", "repaired");
    public static readonly TextKey Failed = new("work.failed", "error");
    public static readonly TextKey UnitName = new("work.unit", "kind", "target");
}
