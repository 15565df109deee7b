using ClosedXML.Excel;
using Reporting.Excel.Writing;
using Reporting.Domain.Reports;
using static Reporting.Excel.Reports.ReportContract;

namespace Reporting.Excel.Templates;

/// <summary>
/// The blank workbooks miners download: the Report sheet's labels, the table headers, a dropdown
/// for Source, number and date formats, explicit column widths, a frozen header row and a short
/// Instructions sheet. Column widths are set by hand: ClosedXML's AdjustToContents needs System.Drawing,
/// which fails on Linux.
/// </summary>
public static class TemplateWriter
{
    private const int TemplateRows = 5000;
    private const string KwhFormat = "#,##0.000";
    private const string MoneyFormat = "#,##0.00";
    private const string QuantityFormat = "0.00000000";
    private const string DateFormat = "yyyy-mm-dd";

    public static void Write(ReportKind kind, Stream output)
    {
        using var workbook = new XLWorkbook();
        AddReportSheet(workbook, kind);
        if (kind == ReportKind.Consumption)
        {
            AddConsumptionSheet(workbook);
        }
        else
        {
            AddTable(workbook, MinedSheet,
            [
                (Mined.Asset, 10, "@"), (Mined.Quantity, 16, QuantityFormat), (Mined.Received, 13, DateFormat), (Mined.Pool, 22, "@"), (Mined.Wallet, 48, "@"),
            ]);
            AddTable(workbook, SoldSheet,
            [
                (Sold.Asset, 10, "@"), (Sold.Quantity, 16, QuantityFormat), (Sold.TradeDate, 13, DateFormat), (Sold.Exchange, 30, "@"),
                (Sold.TradeId, 24, "@"), (Sold.Price, 14, MoneyFormat), (Sold.Currency, 10, "@"),
            ]);
        }

        AddInstructions(workbook, kind);
        workbook.Worksheet(ReportSheet).SetTabActive();
        output.Write(PackageNormalizer.Save(workbook));
    }

    public static byte[] ToBytes(ReportKind kind)
    {
        using var stream = new MemoryStream();
        Write(kind, stream);
        return stream.ToArray();
    }

    private static void AddReportSheet(XLWorkbook workbook, ReportKind kind)
    {
        var sheet = workbook.Worksheets.Add(ReportSheet);
        (string Label, string? Value, string Hint)[] rows =
        [
            (Labels.ReportType, kind.Code(), "Do not change: this workbook is a " + kind.Code() + " report."),
            (Labels.Licence, null, "Your licence number exactly as on the licence, e.g. KZ-DM-0007."),
            (Labels.Bin, null, "Your 12-digit BIN (typed as text keeps leading zeros)."),
            (Labels.Company, null, "Legal name of the licence holder."),
            (Labels.Period, null, "The month of the report as YYYY-MM, e.g. 2025-03."),
            (Labels.TemplateVersion, TemplateVersion, "Do not change."),
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

        sheet.Column(1).Width = 18;
        sheet.Column(2).Width = 32;
        sheet.Column(3).Width = 70;
    }

    private static void AddConsumptionSheet(XLWorkbook workbook)
    {
        var sheet = AddTable(workbook, ConsumptionSheet,
        [
            (Consumption.Site, 24, "@"), (Consumption.Meter, 18, "@"), (Consumption.Source, 16, "@"), (Consumption.Kwh, 18, KwhFormat), (Consumption.CostKzt, 18, MoneyFormat),
        ]);

        // The dropdown's choices live on a hidden sheet: robust across Excel, LibreOffice and other readers.
        var lists = workbook.Worksheets.Add("Lists");
        var codes = EnergySources.Codes;
        for (var i = 0; i < codes.Count; i++) lists.Cell(i + 1, 1).SetValue(codes[i]);
        lists.Hide();
        var validation = sheet.Range(2, 3, TemplateRows + 1, 3).SetDataValidation();
        validation.List(lists.Range(1, 1, codes.Count, 1));
        validation.IgnoreBlanks = true;
        validation.ErrorTitle = "Unknown source";
        validation.ErrorMessage = "Choose one of: " + string.Join(", ", codes);
        validation.ShowErrorMessage = true;

        var kwh = sheet.Range(2, 4, TemplateRows + 1, 5).SetDataValidation();
        kwh.Decimal.EqualOrGreaterThan(0);
        kwh.ErrorTitle = "Not a number";
        kwh.ErrorMessage = "Enter a number of at least 0.";
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

    private static void AddInstructions(XLWorkbook workbook, ReportKind kind)
    {
        var sheet = workbook.Worksheets.Add(InstructionsSheet);
        var lines = new List<string>
        {
            "How to fill in this report",
            "",
            "1. On the Report sheet, fill in the yellow cells: licence number, BIN, company and the month (YYYY-MM).",
            "   Keep 'Report type' and 'Template version' as they are. One workbook per licence per month.",
        };
        if (kind == ReportKind.Consumption)
        {
            lines.AddRange(
            [
                "2. On the Consumption sheet, give one row per site, meter and source of electricity used for mining:",
                "   Site - the site name; Meter - the meter id (leave empty only if the electricity was not metered);",
                "   Source - grid (bought via the market operator; the quota applies), import, renewable,",
                "            own-generation (own plant connected to the power system), off-grid (own plant not connected);",
                "   kWh - electricity used, a number; Cost KZT - its cost excluding VAT, required for grid and import rows.",
                "3. Type numbers as numbers (no spaces, units or thousands separators). Formulas are fine: save the file after Excel calculates them.",
            ]);
        }
        else
        {
            lines.AddRange(
            [
                "2. On the Mined sheet, give every distribution received from the pool in the month: asset (e.g. BTC),",
                "   quantity, the date received, the pool and the wallet.",
                "3. On the Sold sheet, give every sale in the month: asset, quantity, trade date, exchange, the exchange's",
                "   trade id (each once), and optionally price and currency. Only sales on AIFC exchanges count towards",
                "   the mandatory sale share.",
                "4. Either sheet may stay empty if nothing was mined or sold.",
            ]);
        }

        lines.Add("");
        lines.Add("Save as Excel Workbook (.xlsx), without macros or passwords, and upload it under your licence's folder.");
        lines.Add("Every problem found is reported back cell by cell, with a copy of your file marking the cells to fix.");
        for (var i = 0; i < lines.Count; i++) sheet.Cell(i + 1, 1).SetValue(lines[i]);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        sheet.Column(1).Width = 120;
    }
}
