namespace Reporting.Domain.Reports;

/// <summary>The two monthly reports a licence files: electricity consumed, and assets mined and sold.</summary>
public enum ReportKind
{
    Consumption,
    Sales,
}
