namespace Reporting.Domain.Reports;

/// <summary>The two monthly reports a licence files: electricity consumed, and assets mined and sold.</summary>
public enum ReportKind
{
    Consumption,
    Sales,
}

public static class ReportKinds
{
    public static string Code(this ReportKind kind) => kind switch
    {
        ReportKind.Consumption => "consumption",
        ReportKind.Sales => "sales",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? text, out ReportKind kind)
    {
        kind = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "consumption": kind = ReportKind.Consumption; return true;
            case "sales": kind = ReportKind.Sales; return true;
            default: return false;
        }
    }
}
