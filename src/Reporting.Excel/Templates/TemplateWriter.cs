using ClosedXML.Excel;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;
using Reporting.Excel.Reading;
using Reporting.Excel.Writing;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Templates;

/// <summary>
/// The blank workbooks miners download, in the language they choose: the Report sheet's labels, the table
/// headers, a dropdown for Source (its choices in that language; the parser reads every language), number and
/// date formats, explicit column widths, a frozen header row and a short Instructions sheet. Column widths are
/// set by hand: ClosedXML's AdjustToContents needs System.Drawing, which fails on Linux.
/// </summary>
public static class TemplateWriter
{
    private const int TemplateRows = 5000;
    private const string KwhFormat = "#,##0.000";
    private const string MoneyFormat = "#,##0.00";
    private const string QuantityFormat = "0.00000000";
    private const string DateFormat = "yyyy-mm-dd";

    public static void Write(ReportKind kind, Language language, Stream output)
    {
        var words = MessageCatalog.Default.In(language);
        using var workbook = new XLWorkbook();
        var report = AddReportSheet(workbook, kind, words);
        if (kind == ReportKind.Consumption)
        {
            AddConsumptionSheet(workbook, words);
        }
        else
        {
            AddTable(workbook, MinedSheet.In(language),
            [
                (Mined.Asset.In(language), 10, "@"), (Mined.Quantity.In(language), 16, QuantityFormat), (Mined.Received.In(language), 13, DateFormat),
                (Mined.Pool.In(language), 22, "@"), (Mined.Wallet.In(language), 48, "@"),
            ]);
            AddTable(workbook, SoldSheet.In(language),
            [
                (Sold.Asset.In(language), 10, "@"), (Sold.Quantity.In(language), 16, QuantityFormat), (Sold.TradeDate.In(language), 13, DateFormat),
                (Sold.Exchange.In(language), 30, "@"), (Sold.TradeId.In(language), 24, "@"), (Sold.Price.In(language), 14, MoneyFormat),
                (Sold.Currency.In(language), 10, "@"),
            ]);
        }

        AddInstructions(workbook, kind, words);
        report.SetTabActive();
        output.Write(PackageNormalizer.Save(workbook));
    }

    public static byte[] ToBytes(ReportKind kind, Language language)
    {
        using var stream = new MemoryStream();
        Write(kind, language, stream);
        return stream.ToArray();
    }

    private static IXLWorksheet AddReportSheet(XLWorkbook workbook, ReportKind kind, Words words)
    {
        var language = words.Language;
        var sheet = workbook.Worksheets.Add(ReportSheet.In(language));
        var kindName = words[Terms.Of(kind)];
        (string Label, string? Value, string Hint)[] rows =
        [
            (Labels.ReportType.In(language), kindName, words.Render(TemplateTexts.HintReportType.With(("kind", kindName)))),
            (Labels.Licence.In(language), null, words[TemplateTexts.HintLicence]),
            (Labels.Bin.In(language), null, words[TemplateTexts.HintBin]),
            (Labels.Company.In(language), null, words[TemplateTexts.HintCompany]),
            (Labels.Period.In(language), null, words[TemplateTexts.HintPeriod]),
            (Labels.TemplateVersion.In(language), TemplateVersion, words[TemplateTexts.HintTemplateVersion]),
        ];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = i + 1;
            sheet.Cell(row, 1).SetValue(rows[i].Label);
            sheet.Cell(row, 1).Style.Font.Bold = true;
            var value = sheet.Cell(row, 2);
            value.Style.NumberFormat.Format = "@";
            value.Style.Fill.BackgroundColor = rows[i].Value is null ? XLColor.LightYellow : XLColor.NoColor;
            if (rows[i].Value is { } v) value.SetValue(v);
            sheet.Cell(row, 3).SetValue(rows[i].Hint);
            sheet.Cell(row, 3).Style.Font.Italic = true;
            sheet.Cell(row, 3).Style.Font.FontColor = XLColor.Gray;
        }

        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 32;
        sheet.Column(3).Width = 80;
        return sheet;
    }

    private static void AddConsumptionSheet(XLWorkbook workbook, Words words)
    {
        var language = words.Language;
        var sheet = AddTable(workbook, ConsumptionSheet.In(language),
        [
            (Consumption.Site.In(language), 24, "@"), (Consumption.Meter.In(language), 18, "@"), (Consumption.Source.In(language), 24, "@"),
            (Consumption.Kwh.In(language), 18, KwhFormat), (Consumption.CostKzt.In(language), 18, MoneyFormat),
        ]);

        // The dropdown's choices live on a hidden sheet: robust across Excel, LibreOffice and other readers.
        var lists = workbook.Worksheets.Add(words[TemplateTexts.ListsSheet]);
        var names = ValueNames<EnergySource>.Names(language);
        for (var i = 0; i < names.Count; i++) lists.Cell(i + 1, 1).SetValue(names[i]);
        lists.Hide();
        var validation = sheet.Range(2, 3, TemplateRows + 1, 3).SetDataValidation();
        validation.List(lists.Range(1, 1, names.Count, 1));
        validation.IgnoreBlanks = true;
        validation.ErrorTitle = words[TemplateTexts.SourceErrorTitle];
        validation.ErrorMessage = words.Render(TemplateTexts.SourceErrorMessage.With(("sources", MessageValue.Texts(names))));
        validation.ShowErrorMessage = true;

        var kwh = sheet.Range(2, 4, TemplateRows + 1, 5).SetDataValidation();
        kwh.Decimal.EqualOrGreaterThan(0);
        kwh.ErrorTitle = words[TemplateTexts.NumberErrorTitle];
        kwh.ErrorMessage = words[TemplateTexts.NumberErrorMessage];
        kwh.ShowErrorMessage = true;
    }

    private static IXLWorksheet AddTable(XLWorkbook workbook, string name, (string Header, double Width, string Format)[] columns)
    {
        var sheet = workbook.Worksheets.Add(name);
        for (var i = 0; i < columns.Length; i++)
        {
            var column = i + 1;
            var header = sheet.Cell(1, column);
            header.SetValue(columns[i].Header);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            sheet.Column(column).Width = columns[i].Width;
            sheet.Range(2, column, TemplateRows + 1, column).Style.NumberFormat.Format = columns[i].Format;
        }

        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    private static void AddInstructions(XLWorkbook workbook, ReportKind kind, Words words)
    {
        var sheet = workbook.Worksheets.Add(InstructionsSheet.In(words.Language));
        var lines = new List<string> { words[TemplateTexts.InstructionsTitle], "" };
        lines.AddRange(words[TemplateTexts.InstructionsReport].Split('\n'));
        lines.AddRange(words[kind == ReportKind.Consumption ? TemplateTexts.InstructionsConsumption : TemplateTexts.InstructionsSales].Split('\n'));
        lines.Add("");
        lines.AddRange(words[TemplateTexts.InstructionsSave].Split('\n'));
        for (var i = 0; i < lines.Count; i++) sheet.Cell(i + 1, 1).SetValue(lines[i]);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        sheet.Column(1).Width = 120;
    }
}
