using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;

namespace Reporting.Storage.Ledger;

/// <summary>
/// A month report's records as table entities: a few compact JSON chunks (amounts as exact strings)
/// rather than a row per entity, so a typical report is one entity and one upload one transaction.
/// Chunks stay within the 64 KiB property and 1 MiB entity limits.
/// </summary>
internal static class RecordCodec
{
    // Table storage counts strings in UTF-16: 30,000 characters are 60,000 bytes (a property holds at most 64 KiB),
    // and 15 of them 900,000 bytes, under the 1 MiB of an entity with room for the header fields.
    internal const int MaxPropertyChars = 30_000;
    internal const int MaxPropertiesPerEntity = 15;

    public static string RowKeyPrefix(Quarter quarter, string uploadId) => $"record|{quarter}|{uploadId}|";

    public static IReadOnlyList<TableEntity> ToEntities(string partitionKey, string uploadId, MonthReport report)
    {
        var header = report.Header;
        var rows = report switch
        {
            ConsumptionReport c => c.Rows.Select(r => JsonSerializer.Serialize(new object?[]
                { "c", r.Row, r.Site, r.Meter, r.Source.Code(), Num(r.Kwh), Num(r.CostKzt) })),
            SalesReport s => s.Mined.Select(m => JsonSerializer.Serialize(new object?[]
                    { "m", m.Row, m.Asset, Num(m.Quantity), TableValues.Date(m.Received), m.Pool, m.Wallet }))
                .Concat(s.Sold.Select(x => JsonSerializer.Serialize(new object?[]
                    { "s", x.Row, x.Asset, Num(x.Quantity), TableValues.Date(x.TradeDate), x.Exchange, x.TradeId, Num(x.Price), x.Currency }))),
            _ => throw new ArgumentOutOfRangeException(nameof(report)),
        };

        // Pack JSON lines into properties, properties into entities.
        var chunks = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in rows)
        {
            if (current.Length > 0 && current.Length + line.Length + 1 > MaxPropertyChars)
            {
                chunks.Add(current.ToString());
                current.Clear();
            }

            current.Append(line).Append('\n');
        }

        if (current.Length > 0) chunks.Add(current.ToString());

        var entities = new List<TableEntity>();
        var prefix = RowKeyPrefix(header.Period.Quarter, uploadId);
        var index = 0;
        do
        {
            var entity = new TableEntity(partitionKey, prefix + index.ToString("D3", CultureInfo.InvariantCulture))
            {
                ["Kind"] = header.Kind.Code(),
                ["Licence"] = header.Licence,
                ["Bin"] = header.Bin,
                ["Company"] = header.Company,
                ["Period"] = header.Period.ToString(),
                ["TemplateVersion"] = header.TemplateVersion,
                ["Source"] = report.Source,
                ["Chunks"] = Math.Max(1, (chunks.Count + MaxPropertiesPerEntity - 1) / MaxPropertiesPerEntity),
            };
            for (var p = 0; p < MaxPropertiesPerEntity && index * MaxPropertiesPerEntity + p < chunks.Count; p++)
                entity["Rows" + p.ToString("D2", CultureInfo.InvariantCulture)] = chunks[index * MaxPropertiesPerEntity + p];
            entities.Add(entity);
            index++;
        }
        while (index * MaxPropertiesPerEntity < chunks.Count);

        return entities;
    }

    /// <summary>Rebuilds the report from its entities (in row-key order).</summary>
    public static MonthReport FromEntities(IReadOnlyList<TableEntity> entities)
    {
        var first = entities[0];
        var kind = ReportKinds.TryParse(first.GetString("Kind"), out var k) ? k : throw new FormatException("Unknown report kind in records.");
        var header = new ReportHeader(kind, first.GetString("Licence"), first.GetString("Bin"), first.GetString("Company"),
            Month.Parse(first.GetString("Period")), first.GetString("TemplateVersion"));
        var consumption = new List<ConsumptionRow>();
        var mined = new List<MinedRow>();
        var sold = new List<SoldRow>();
        foreach (var entity in entities)
        {
            foreach (var property in entity.Keys.Where(k => k.StartsWith("Rows", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                foreach (var line in entity.GetString(property).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var v = JsonSerializer.Deserialize<JsonElement[]>(line)!;
                    switch (v[0].GetString())
                    {
                        case "c":
                            consumption.Add(new ConsumptionRow(v[1].GetInt32(), v[2].GetString()!, v[3].GetString(),
                                EnergySources.TryParse(v[4].GetString(), out var source) ? source : throw new FormatException("source"),
                                Dec(v[5])!.Value, Dec(v[6])));
                            break;
                        case "m":
                            mined.Add(new MinedRow(v[1].GetInt32(), v[2].GetString()!, Dec(v[3])!.Value, TableValues.ParseDate(v[4].GetString()!), v[5].GetString()!, v[6].GetString()!));
                            break;
                        case "s":
                            sold.Add(new SoldRow(v[1].GetInt32(), v[2].GetString()!, Dec(v[3])!.Value, TableValues.ParseDate(v[4].GetString()!), v[5].GetString()!, v[6].GetString()!, Dec(v[7]), v[8].GetString()));
                            break;
                    }
                }
            }
        }

        MonthReport report = kind == ReportKind.Consumption
            ? new ConsumptionReport(header, consumption)
            : new SalesReport(header, mined, sold);
        return report with { Source = first.GetString("Source") };
    }

    private static string? Num(decimal? value) => TableValues.Decimal(value);

    private static decimal? Dec(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : TableValues.ParseDecimal(value.GetString());
}
