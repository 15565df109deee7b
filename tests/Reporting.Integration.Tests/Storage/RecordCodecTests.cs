using Azure.Data.Tables;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Storage.Ledger;

namespace Reporting.Integration.Tests.Storage;

/// <summary>
/// The records of the largest report the limits allow fit Azure's entity limits (Azurite does not enforce them, so
/// the sizes are computed as Azure counts them: strings in UTF-16, plus names and a fixed cost per property).
/// </summary>
public sealed class RecordCodecTests
{
    private const int MaxEntityBytes = 1024 * 1024;
    private const int MaxPropertyBytes = 64 * 1024;

    [Fact]
    public void A_report_of_50000_rows_is_stored_in_entities_within_the_property_and_entity_limits_and_reads_back()
    {
        var header = new ReportHeader(ReportKind.Consumption, "KZ-DM-0001", "080240012341", new string('Ж', 200), new Month(2025, 3), "1.0");
        var rows = Enumerable.Range(2, 50_000)
            .Select(i => new ConsumptionRow(i, $"Экибастуз площадка {i / 40}", $"KZ-MTR-{i:D7}", EnergySource.Grid, 1_234_567.125m + i, 35_493_827.34m))
            .ToArray();
        var report = new ConsumptionReport(header, rows) { Source = "KZ-DM-0001/2025-03.xlsx" };

        var entities = RecordCodec.ToEntities("KZ-DM-0001", "upload-1", report);

        Assert.True(entities.Count > 1);
        Assert.All(entities, entity =>
        {
            Assert.All(entity.Select(p => p.Value).OfType<string>(), value => Assert.True(value.Length * 2 <= MaxPropertyBytes, $"a property of {value.Length * 2:N0} bytes"));
            var size = EntityBytes(entity);
            Assert.True(size <= MaxEntityBytes, $"{entity.RowKey}: {size:N0} bytes");
        });
        var read = Assert.IsType<ConsumptionReport>(RecordCodec.FromEntities(entities));
        Assert.Equal(header, read.Header);
        Assert.Equal(rows, read.Rows);
    }

    /// <summary>Azure's size of an entity: 4 bytes + keys in UTF-16, and per property 8 bytes + its name in UTF-16 + its value.</summary>
    private static long EntityBytes(TableEntity entity) =>
        4 + (entity.PartitionKey.Length + entity.RowKey.Length) * 2 +
        entity.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
            .Sum(p => 8 + p.Key.Length * 2 + p.Value switch { string s => 4 + s.Length * 2, int => 4, long => 8, _ => 8 });
}
