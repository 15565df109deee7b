using Reporting.Domain.Text;

namespace Reporting.Application.Reconciliation;

/// <summary>Why a source's run of a month is not complete, as a person reads it (the run's detail).</summary>
public static class ReconciliationTexts
{
    public static readonly TextKey NotConfigured = new("reconcile.detail.not-configured", "reason");
    public static readonly TextKey Unavailable = new("reconcile.detail.unavailable", "error");
    public static readonly TextKey NotChecked = new("reconcile.detail.not-checked", "count", "total", "licences", "error");
}
