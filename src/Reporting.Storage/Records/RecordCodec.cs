using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Domain;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Storage.Records;

/// <summary>
/// A month report's records as one compact JSON document (amounts as exact invariant strings, never binary
/// floating point): what the records blob of an upload holds. The same report always gives the same bytes.
/// </summary>
public static class RecordCodec
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public static byte[] Serialize(MonthReport report)
    {
        var header = report.Header;
        var document = new RecordDocument(
            1, header.Kind.Code(), header.Licence, header.Bin, header.Company, header.Period.ToString(), header.TemplateVersion, report.Source,
            (report as ConsumptionReport)?.Rows.Select(r => new ConsumptionLine(r.Row, r.Site, r.Meter, r.Source.Code(), Dec(r.Kwh), Dec(r.CostKzt))).ToArray(),
            (report as SalesReport)?.Mined.Select(m => new MinedLine(m.Row, m.Asset, Dec(m.Quantity), TableValues.Date(m.Received), m.Pool, m.Wallet)).ToArray(),
            (report as SalesReport)?.Sold.Select(s => new SoldLine(s.Row, s.Asset, Dec(s.Quantity), TableValues.Date(s.TradeDate), s.Exchange, s.TradeId, Dec(s.Price), s.Currency)).ToArray());
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }

    public static MonthReport Deserialize(ReadOnlySpan<byte> json)
    {
        var d = JsonSerializer.Deserialize<RecordDocument>(json, Options) ?? throw new FormatException("A records document is empty.");
        if (d.Format != 1) throw new FormatException($"Records format {d.Format} is not known.");
        var header = new ReportHeader(EnumCodes.Parse<ReportKind>(d.Kind), d.Licence, d.Bin, d.Company, Month.Parse(d.Period), d.TemplateVersion);
        MonthReport report = header.Kind == ReportKind.Consumption
            ? new ConsumptionReport(header, (d.Consumption ?? []).Select(c => new ConsumptionRow(c.Row, c.Site, c.Meter, EnumCodes.Parse<EnergySource>(c.Source),
                TableValues.ParseDecimal(c.Kwh), TableValues.ParseNullableDecimal(c.CostKzt))).ToArray())
            : new SalesReport(header,
                (d.Mined ?? []).Select(m => new MinedRow(m.Row, m.Asset, TableValues.ParseDecimal(m.Quantity), TableValues.ParseDate(m.Received), m.Pool, m.Wallet)).ToArray(),
                (d.Sold ?? []).Select(s => new SoldRow(s.Row, s.Asset, TableValues.ParseDecimal(s.Quantity), TableValues.ParseDate(s.TradeDate), s.Exchange, s.TradeId,
                    TableValues.ParseNullableDecimal(s.Price), s.Currency)).ToArray());
        return report with { Source = d.Source };
    }

    private static string Dec(decimal value) => TableValues.Decimal(value);

    private static string? Dec(decimal? value) => TableValues.Decimal(value);

    private sealed record RecordDocument(
        int Format, string Kind, string Licence, string Bin, string Company, string Period, string? TemplateVersion, string? Source,
        IReadOnlyList<ConsumptionLine>? Consumption, IReadOnlyList<MinedLine>? Mined, IReadOnlyList<SoldLine>? Sold);

    private sealed record ConsumptionLine(int Row, string Site, string? Meter, string Source, string Kwh, string? CostKzt);

    private sealed record MinedLine(int Row, string Asset, string Quantity, string Received, string Pool, string Wallet);

    private sealed record SoldLine(int Row, string Asset, string Quantity, string TradeDate, string Exchange, string TradeId, string? Price, string? Currency);
}
