using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Storage.Records;
using Reporting.TestSupport;

namespace Reporting.Integration.Tests.Storage;

/// <summary>
/// The records of the largest report the limits allow are stored whole and read back exactly, on a real Azurite:
/// a table entity holds 1 MiB (a 49,999-row report once failed with EntityTooLarge), a blob holds it all.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecordCodecTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_report_of_50000_rows_with_cyrillic_text_is_stored_and_reads_back_exactly()
    {
        await using var pipeline = await TestPipeline.CreateAsync(azurite.ConnectionString);
        var header = new ReportHeader(ReportKind.Consumption, "KZ-DM-0001", "080240012341", new string('Ж', 200), new Month(2025, 3), "1.0");
        var rows = Enumerable.Range(2, 50_000)
            .Select(i => new ConsumptionRow(i, $"Экибастуз \"площадка\" {i / 40}", $"KZ-MTR-{i:D7}", EnergySource.Grid, 1_234_567.125m + i, 35_493_827.34m))
            .ToArray();
        var report = new ConsumptionReport(header, rows) { Source = "KZ-DM-0001/2025-03.xlsx" };
        var store = pipeline.Get<RecordStore>();

        var bytes = RecordCodec.Serialize(report);
        await store.PutAsync("KZ-DM-0001", "upload-1", bytes, CancellationToken.None);
        await store.PutAsync("KZ-DM-0001", "upload-1", bytes, CancellationToken.None); // a retry finds them written

        Assert.True(bytes.Length > 4 * 1024 * 1024, $"{bytes.Length:N0} bytes: more than a table transaction could carry");
        var read = Assert.IsType<ConsumptionReport>(await store.GetAsync("KZ-DM-0001", "upload-1", CancellationToken.None));
        Assert.Equal(header, read.Header);
        Assert.Equal(rows, read.Rows);
        Assert.Equal("KZ-DM-0001/2025-03.xlsx", read.Source);
        Assert.Null(await store.GetAsync("KZ-DM-0001", "upload-2", CancellationToken.None));
    }

    [Fact]
    public void A_sales_report_round_trips_with_amounts_exact()
    {
        var header = new ReportHeader(ReportKind.Sales, "KZ-DM-0002", "080240012341", "Ekibastuz Hash LLP", new Month(2025, 3), null);
        var report = new SalesReport(header,
            [new MinedRow(2, "BTC", 0.12345678m, new DateOnly(2025, 3, 4), "Pool «Қазақ»", "bc1q...")],
            [new SoldRow(2, "BTC", 0.1m, new DateOnly(2025, 3, 5), "AIX", "T-1", 95_000.123456789m, "USDT"), new SoldRow(3, "BTC", 0.00000001m, new DateOnly(2025, 3, 6), "AIX", "T-2", null, null)]);

        var read = Assert.IsType<SalesReport>(RecordCodec.Deserialize(RecordCodec.Serialize(report)));

        Assert.Equal(header, read.Header);
        Assert.Equal(report.Mined, read.Mined);
        Assert.Equal(report.Sold, read.Sold);
    }
}
