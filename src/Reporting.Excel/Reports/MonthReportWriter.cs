using Reporting.Domain;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Writing;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Reports;

/// <summary>
/// Writes a month report as a miner's workbook in the report format, quickly and without styling, with its
/// names in one language (English unless asked): what generated datasets (samples, the demo, benchmarks)
/// upload. The inverse of <see cref="MonthReportParser"/>.
/// </summary>
public static class MonthReportWriter
{
    public static void Write(MonthReport report, Stream output, XlsxWriterOptions? options = null, Language language = Language.En)
    {
        using var writer = new XlsxWriter(output, options);
        WriteReportSheet(writer, report.Header, language);
        switch (report)
        {
            case ConsumptionReport consumption:
                WriteConsumption(writer.AddSheet(ConsumptionSheet.In(language)), consumption.Rows, language);
                break;
            case SalesReport sales:
                WriteMined(writer.AddSheet(MinedSheet.In(language)), sales.Mined, language);
                WriteSold(writer.AddSheet(SoldSheet.In(language)), sales.Sold, language);
                break;
        }
    }

    public static byte[] ToBytes(MonthReport report, XlsxWriterOptions? options = null, Language language = Language.En)
    {
        using var stream = new MemoryStream();
        Write(report, stream, options, language);
        return stream.ToArray();
    }

    public static void WriteReportSheet(XlsxWriter writer, ReportHeader header, Language language = Language.En)
    {
        var words = MessageCatalog.Default.In(language);
        var sheet = writer.AddSheet(ReportSheet.In(language));
        sheet.WriteRow(Labels.ReportType.In(language), words[Terms.Of(header.Kind)]);
        sheet.WriteRow(Labels.Licence.In(language), header.Licence);
        sheet.WriteRow(Labels.Bin.In(language), header.Bin);
        sheet.WriteRow(Labels.Company.In(language), header.Company);
        sheet.WriteRow(Labels.Period.In(language), header.Period.ToString());
        sheet.WriteRow(Labels.TemplateVersion.In(language), header.TemplateVersion ?? TemplateVersion);
    }

    public static void WriteConsumption(XlsxWriter.SheetWriter sheet, IEnumerable<ConsumptionRow> rows, Language language = Language.En)
    {
        var words = MessageCatalog.Default.In(language);
        sheet.WriteRow(Consumption.Site.In(language), Consumption.Meter.In(language), Consumption.Source.In(language), Consumption.Kwh.In(language), Consumption.CostKzt.In(language));
        // English files carry the source codes ("own-generation"), as most miners' systems write them; other languages their words.
        foreach (var row in rows) sheet.WriteRow(row.Site, row.Meter, language == Language.En ? row.Source.Code() : words[Terms.Of(row.Source)], row.Kwh, XlsxCell.Of(row.CostKzt));
    }

    public static void WriteMined(XlsxWriter.SheetWriter sheet, IEnumerable<MinedRow> rows, Language language = Language.En)
    {
        sheet.WriteRow(Mined.Asset.In(language), Mined.Quantity.In(language), Mined.Received.In(language), Mined.Pool.In(language), Mined.Wallet.In(language));
        foreach (var row in rows) sheet.WriteRow(row.Asset, row.Quantity, row.Received, row.Pool, row.Wallet);
    }

    public static void WriteSold(XlsxWriter.SheetWriter sheet, IEnumerable<SoldRow> rows, Language language = Language.En)
    {
        sheet.WriteRow(Sold.Asset.In(language), Sold.Quantity.In(language), Sold.TradeDate.In(language), Sold.Exchange.In(language), Sold.TradeId.In(language),
            Sold.Price.In(language), Sold.Currency.In(language));
        foreach (var row in rows) sheet.WriteRow(row.Asset, row.Quantity, row.TradeDate, row.Exchange, row.TradeId, XlsxCell.Of(row.Price), row.Currency);
    }
}
