using Reporting.Domain.Reports;
using Reporting.Excel.Writing;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Reports;

/// <summary>
/// Writes a month report as a miner's workbook in the report format, quickly and without styling:
/// what generated datasets (samples, the demo, benchmarks) upload. The inverse of <see cref="MonthReportParser"/>.
/// </summary>
public static class MonthReportWriter
{
    public static void Write(MonthReport report, Stream output, XlsxWriterOptions? options = null)
    {
        using var writer = new XlsxWriter(output, options);
        WriteReportSheet(writer, report.Header);
        switch (report)
        {
            case ConsumptionReport consumption:
                WriteConsumption(writer.AddSheet(ConsumptionSheet), consumption.Rows);
                break;
            case SalesReport sales:
                WriteMined(writer.AddSheet(MinedSheet), sales.Mined);
                WriteSold(writer.AddSheet(SoldSheet), sales.Sold);
                break;
        }
    }

    public static byte[] ToBytes(MonthReport report, XlsxWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(report, stream, options);
        return stream.ToArray();
    }

    public static void WriteReportSheet(XlsxWriter writer, ReportHeader header)
    {
        var sheet = writer.AddSheet(ReportSheet);
        sheet.WriteRow(Labels.ReportType, header.Kind.Code());
        sheet.WriteRow(Labels.Licence, header.Licence);
        sheet.WriteRow(Labels.Bin, header.Bin);
        sheet.WriteRow(Labels.Company, header.Company);
        sheet.WriteRow(Labels.Period, header.Period.ToString());
        sheet.WriteRow(Labels.TemplateVersion, header.TemplateVersion ?? TemplateVersion);
    }

    public static void WriteConsumption(XlsxWriter.SheetWriter sheet, IEnumerable<ConsumptionRow> rows)
    {
        sheet.WriteRow(Consumption.Site, Consumption.Meter, Consumption.Source, Consumption.Kwh, Consumption.CostKzt);
        foreach (var row in rows) sheet.WriteRow(row.Site, row.Meter, row.Source.Code(), row.Kwh, XlsxCell.Of(row.CostKzt));
    }

    public static void WriteMined(XlsxWriter.SheetWriter sheet, IEnumerable<MinedRow> rows)
    {
        sheet.WriteRow(Mined.Asset, Mined.Quantity, Mined.Received, Mined.Pool, Mined.Wallet);
        foreach (var row in rows) sheet.WriteRow(row.Asset, row.Quantity, row.Received, row.Pool, row.Wallet);
    }

    public static void WriteSold(XlsxWriter.SheetWriter sheet, IEnumerable<SoldRow> rows)
    {
        sheet.WriteRow(Sold.Asset, Sold.Quantity, Sold.TradeDate, Sold.Exchange, Sold.TradeId, Sold.Price, Sold.Currency);
        foreach (var row in rows) sheet.WriteRow(row.Asset, row.Quantity, row.TradeDate, row.Exchange, row.TradeId, XlsxCell.Of(row.Price), row.Currency);
    }
}
