using Reporting.Domain.Periods;

namespace Reporting.Domain.Reports;

/// <summary>The identification block of a report (sheet "Report").</summary>
public sealed record ReportHeader(
    ReportKind Kind,
    string Licence,
    string Bin,
    string Company,
    Month Period,
    string? TemplateVersion);

/// <summary>One licence's report for one month, as parsed from a valid workbook.</summary>
public abstract record MonthReport(ReportHeader Header)
{
    public ReportKind Kind => Header.Kind;
    public string Licence => Header.Licence;
    public Month Period => Header.Period;

    /// <summary>Where the report came from (blob name or file path), for audit trails in results.</summary>
    public string? Source { get; init; }
}

/// <summary>Electricity consumed for mining in the month, one row per site, meter and source.</summary>
public sealed record ConsumptionReport(ReportHeader Header, IReadOnlyList<ConsumptionRow> Rows) : MonthReport(Header);

/// <summary>Assets received from pools and sold on exchanges in the month.</summary>
public sealed record SalesReport(ReportHeader Header, IReadOnlyList<MinedRow> Mined, IReadOnlyList<SoldRow> Sold) : MonthReport(Header);

/// <summary>
/// One consumption line. <c>Row</c> is the worksheet row it came from, so findings can point at it;
/// <c>Meter</c> is null when the consumption was not metered; <c>CostKzt</c> excludes VAT and is
/// required for grid and import rows.
/// </summary>
public sealed record ConsumptionRow(int Row, string Site, string? Meter, EnergySource Source, decimal Kwh, decimal? CostKzt)
{
    public bool IsMetered => !string.IsNullOrWhiteSpace(Meter);
}

/// <summary>Coins received from a pool; <c>Received</c> is the date the pool distributed them.</summary>
public sealed record MinedRow(int Row, string Asset, decimal Quantity, DateOnly Received, string Pool, string Wallet);

public sealed record SoldRow(
    int Row,
    string Asset,
    decimal Quantity,
    DateOnly TradeDate,
    string Exchange,
    string TradeId,
    decimal? Price,
    string? Currency);
