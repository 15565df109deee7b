using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Reporting.Excel.Writing;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Consolidation;

/// <summary>
/// The consolidated quarterly workbook (sheets Summary, Violations, Reconciliation, Missing, Late, About) and the Summary
/// as CSV. Numbers are numbers with formats, dates are dates, column widths are set explicitly (ClosedXML's
/// AdjustToContents fails on Linux), headers are frozen and filtered, and text from outside never becomes
/// a formula.
/// </summary>
public static class QuarterlyReportWriter
{
    private const string Kwh = "#,##0.000";
    private const string Money = "#,##0.00";
    private const string Share = "0.00%";
    private const string DateFormat = "yyyy-mm-dd";
    private const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    private static readonly (string Header, double Width)[] SummaryColumns =
    [
        ("Licence", 14), ("BIN", 15), ("Company", 34), ("Subtype", 9), ("Zone", 9),
        ("kWh total", 18), ("Grid kWh", 18), ("Import kWh", 16), ("Renewable kWh", 16), ("Own generation kWh", 18), ("Off-grid kWh", 16),
        ("Grid quota kWh", 18), ("Quota status", 14), ("Fee basis", 60), ("Fee due KZT", 18), ("Fee status", 15),
        ("Required sale share", 12), ("Sale share", 11), ("Sale status", 15),
        ("Consumption reports", 13), ("Sales reports", 11), ("Late reports", 9), ("Violations", 10), ("Warnings", 10), ("Findings", 10), ("Status", 17),
    ];

    public static IReadOnlyList<string> SummaryHeaders { get; } = SummaryColumns.Select(c => c.Header).ToArray();

    public static byte[] ToWorkbook(QuarterlyReport report)
    {
        using var workbook = new XLWorkbook();
        WriteSummary(workbook.AddWorksheet("Summary"), report);
        WriteViolations(workbook.AddWorksheet("Violations"), report);
        WriteFindings(workbook.AddWorksheet("Reconciliation"), report);
        WriteMissing(workbook.AddWorksheet("Missing"), report);
        WriteLate(workbook.AddWorksheet("Late"), report);
        WriteAbout(workbook.AddWorksheet("About"), report);
        workbook.Properties.Title = $"Digital mining fee: consolidated report {report.Quarter}";
        workbook.Properties.Author = "Reporting pipeline";
        return PackageNormalizer.Save(workbook);
    }

    private static void WriteSummary(IXLWorksheet sheet, QuarterlyReport report)
    {
        Header(sheet, SummaryColumns);
        var row = 2;
        foreach (var r in report.Summary)
        {
            var c = 1;
            SafeText.Write(sheet.Cell(row, c++), r.Licence);
            SafeText.Write(sheet.Cell(row, c++), r.Bin);
            SafeText.Write(sheet.Cell(row, c++), r.Company);
            SafeText.Write(sheet.Cell(row, c++), r.Subtype);
            SafeText.Write(sheet.Cell(row, c++), r.Zone);
            Number(sheet.Cell(row, c++), r.KwhTotal, Kwh);
            foreach (var source in EnergySources.All) Number(sheet.Cell(row, c++), r.KwhBySource[source], Kwh);
            Number(sheet.Cell(row, c++), r.GridQuotaKwh, Kwh);
            SafeText.Write(sheet.Cell(row, c++), r.QuotaStatus);
            SafeText.Write(sheet.Cell(row, c++), r.FeeBasis);
            Number(sheet.Cell(row, c++), r.FeeKzt, Money);
            SafeText.Write(sheet.Cell(row, c++), r.FeeStatus);
            Number(sheet.Cell(row, c++), r.RequiredSaleShare, Share);
            Number(sheet.Cell(row, c++), r.SaleShare, Share);
            SafeText.Write(sheet.Cell(row, c++), r.SaleStatus);
            Number(sheet.Cell(row, c++), r.ConsumptionReports, $"0\" of {r.MonthsActive}\"");
            Number(sheet.Cell(row, c++), r.SalesReports, $"0\" of {r.MonthsActive}\"");
            Number(sheet.Cell(row, c++), r.LateReports, "0");
            Number(sheet.Cell(row, c++), r.Violations, "0");
            Number(sheet.Cell(row, c++), r.Warnings, "0");
            Number(sheet.Cell(row, c++), r.Findings, "0");
            SafeText.Write(sheet.Cell(row, c), r.Status);
            row++;
        }

        var last = row - 1;
        var t = report.Totals;
        var totals = row;
        SafeText.Write(sheet.Cell(totals, 1), "Total");
        SafeText.Write(sheet.Cell(totals, 3), $"{t.Licences} licences");
        var col = 6;
        Number(sheet.Cell(totals, col++), t.KwhTotal, Kwh);
        foreach (var source in EnergySources.All) Number(sheet.Cell(totals, col++), t.KwhBySource[source], Kwh);
        Number(sheet.Cell(totals, col++), t.GridQuotaKwh, Kwh);
        col += 2;
        Number(sheet.Cell(totals, col++), t.FeeKzt, Money);
        SafeText.Write(sheet.Cell(totals, col++), t.RateUnverified > 0 ? $"{t.RateUnverified} rate-unverified" : "");
        col += 3;
        Number(sheet.Cell(totals, col++), t.ConsumptionReports, "0");
        Number(sheet.Cell(totals, col++), t.SalesReports, "0");
        Number(sheet.Cell(totals, col++), t.LateReports, "0");
        Number(sheet.Cell(totals, col++), t.Violations, "0");
        Number(sheet.Cell(totals, col++), t.Warnings, "0");
        Number(sheet.Cell(totals, col), t.Findings, "0");
        sheet.Row(totals).Style.Font.Bold = true;
        sheet.Row(totals).Style.Border.TopBorder = XLBorderStyleValues.Thin;
        Finish(sheet, SummaryColumns.Length, Math.Max(last, 1));
    }

    private static void WriteViolations(IXLWorksheet sheet, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Period", 10), ("Code", 26), ("Severity", 9), ("Subject", 18), ("Figures", 60), ("Message", 100), ("Rule", 28), ("Source upload", 40)];
        Header(sheet, columns);
        var row = 2;
        foreach (var v in report.Violations)
        {
            SafeText.Write(sheet.Cell(row, 1), v.Licence);
            SafeText.Write(sheet.Cell(row, 2), v.Period);
            SafeText.Write(sheet.Cell(row, 3), v.Code);
            SafeText.Write(sheet.Cell(row, 4), v.Severity == Severity.Error ? "error" : "warning");
            SafeText.Write(sheet.Cell(row, 5), v.Subject);
            SafeText.Write(sheet.Cell(row, 6), string.Join("; ", v.Figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} = {f.Value:0.########} {f.Unit}"))));
            SafeText.Write(sheet.Cell(row, 7), v.Message);
            SafeText.Write(sheet.Cell(row, 8), v.RuleReference);
            SafeText.Write(sheet.Cell(row, 9), v.Source);
            row++;
        }

        Finish(sheet, columns.Length, row - 1);
    }

    private static void WriteFindings(IXLWorksheet sheet, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Month", 10), ("Report", 13), ("Code", 24), ("Subject", 26), ("Figures", 64), ("Message", 100), ("Independent source", 18)];
        Header(sheet, columns);
        var row = 2;
        foreach (var f in report.Findings)
        {
            SafeText.Write(sheet.Cell(row, 1), f.Licence);
            SafeText.Write(sheet.Cell(row, 2), f.Month.ToString());
            SafeText.Write(sheet.Cell(row, 3), f.Kind == Domain.Reconciliation.FindingKind.Consumption ? "consumption" : "sales");
            SafeText.Write(sheet.Cell(row, 4), f.Code);
            SafeText.Write(sheet.Cell(row, 5), f.Subject);
            SafeText.Write(sheet.Cell(row, 6), string.Join("; ", f.Figures.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Name} = {x.Value:0.########} {x.Unit}"))));
            SafeText.Write(sheet.Cell(row, 7), f.Message);
            SafeText.Write(sheet.Cell(row, 8), f.Source switch
            {
                Domain.Reconciliation.FindingSource.MarketOperator => "market operator",
                Domain.Reconciliation.FindingSource.Exchange => "AIFC exchange",
                Domain.Reconciliation.FindingSource.Pools => "mining pools",
                _ => "reports received",
            });
            row++;
        }

        Finish(sheet, columns.Length, row - 1);
    }

    private static void WriteMissing(IXLWorksheet sheet, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Company", 34), ("Month", 10), ("Report", 13), ("Due (Kazakhstan time)", 20)];
        Header(sheet, columns);
        var row = 2;
        foreach (var m in report.Missing)
        {
            SafeText.Write(sheet.Cell(row, 1), m.Licence);
            SafeText.Write(sheet.Cell(row, 2), m.Company);
            SafeText.Write(sheet.Cell(row, 3), m.Month.ToString());
            SafeText.Write(sheet.Cell(row, 4), m.Kind.Code());
            Instant(sheet.Cell(row, 5), m.DueAt);
            row++;
        }

        Finish(sheet, columns.Length, row - 1);
    }

    private static void WriteLate(IXLWorksheet sheet, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Company", 34), ("Month", 10), ("Report", 13), ("Due (Kazakhstan time)", 20), ("Received (Kazakhstan time)", 22), ("Days late", 10), ("Upload", 40)];
        Header(sheet, columns);
        var row = 2;
        foreach (var l in report.Late)
        {
            SafeText.Write(sheet.Cell(row, 1), l.Licence);
            SafeText.Write(sheet.Cell(row, 2), l.Company);
            SafeText.Write(sheet.Cell(row, 3), l.Month.ToString());
            SafeText.Write(sheet.Cell(row, 4), l.Kind.Code());
            Instant(sheet.Cell(row, 5), l.DueAt);
            Instant(sheet.Cell(row, 6), l.ReceivedAt);
            Number(sheet.Cell(row, 7), (decimal)l.DaysLate, "0.0");
            SafeText.Write(sheet.Cell(row, 8), l.Blob);
            row++;
        }

        Finish(sheet, columns.Length, row - 1);
    }

    private static void WriteAbout(IXLWorksheet sheet, QuarterlyReport report)
    {
        var t = report.Totals;
        (string Label, object? Value)[] facts =
        [
            ("Report", $"Digital mining fee: consolidated report for {report.Quarter}"),
            ("Quarter", report.Quarter.ToString()),
            ("Generated at (Kazakhstan time)", KazakhstanTime.ToLocal(report.GeneratedAt).DateTime),
            ("Rule version(s)", string.Join(", ", report.RuleVersions)),
            ("Registry version", report.RegistryVersion),
            ("Declaration due", report.DeclarationDue?.ToDateTime(TimeOnly.MinValue)),
            ("Payment due", report.PaymentDue?.ToDateTime(TimeOnly.MinValue)),
            ("Monthly reports due", $"day {report.Deadline.DayOfFollowingMonth} of the following month, {report.Deadline.TimeOfDay:HH\\:mm} Kazakhstan time"),
            ("Licences", t.Licences),
            ("Consumption reports received", t.ConsumptionReports),
            ("Sales reports received", t.SalesReports),
            ("Missing reports", report.Missing.Count),
            ("Late reports", t.LateReports),
            ("Violations", t.Violations),
            ("Warnings", t.Warnings),
            ("Reconciliation findings", t.Findings),
            ("Fee due, total KZT", t.FeeKzt),
            ("Licences with rate-unverified fee", t.RateUnverified),
            ("Content fingerprint (SHA-256)", report.Fingerprint),
        ];
        var row = 1;
        foreach (var (label, value) in facts)
        {
            SafeText.Write(sheet.Cell(row, 1), label);
            sheet.Cell(row, 1).Style.Font.Bold = true;
            var cell = sheet.Cell(row, 2);
            switch (value)
            {
                case null: break;
                case string s: SafeText.Write(cell, s); break;
                case DateTime d:
                    cell.SetValue(d);
                    cell.Style.NumberFormat.Format = d.TimeOfDay == TimeSpan.Zero ? DateFormat : DateTimeFormat;
                    break;
                case int i: Number(cell, i, "#,##0"); break;
                case decimal m: Number(cell, m, Money); break;
            }

            row++;
        }

        row++;
        SafeText.Write(sheet.Cell(row, 1), "Input uploads (audit trail)");
        sheet.Cell(row, 1).Style.Font.Bold = true;
        row++;
        string[] headers = ["Licence", "Month", "Report", "Upload id", "Blob", "SHA-256", "Received (Kazakhstan time)"];
        for (var i = 0; i < headers.Length; i++)
        {
            SafeText.Write(sheet.Cell(row, i + 1), headers[i]);
            sheet.Cell(row, i + 1).Style.Font.Bold = true;
        }

        row++;
        foreach (var input in report.Inputs)
        {
            SafeText.Write(sheet.Cell(row, 1), input.Licence);
            SafeText.Write(sheet.Cell(row, 2), input.Month.ToString());
            SafeText.Write(sheet.Cell(row, 3), input.Kind.Code());
            SafeText.Write(sheet.Cell(row, 4), input.UploadId);
            SafeText.Write(sheet.Cell(row, 5), input.Blob);
            SafeText.Write(sheet.Cell(row, 6), input.Sha256);
            Instant(sheet.Cell(row, 7), input.ReceivedAt);
            row++;
        }

        double[] widths = [34, 44, 12, 34, 44, 66, 22];
        for (var i = 0; i < widths.Length; i++) sheet.Column(i + 1).Width = widths[i];
    }

    /// <summary>The Summary sheet as CSV (UTF-8 with BOM so Excel reads Cyrillic names; invariant numbers; formula-like text neutralised).</summary>
    public static byte[] ToCsv(QuarterlyReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var csv = new StringBuilder();
        csv.AppendJoin(',', SummaryColumns.Select(col => SafeText.Csv(col.Header))).Append("\r\n");
        foreach (var r in report.Summary)
        {
            string?[] fields =
            [
                SafeText.Csv(r.Licence), SafeText.Csv(r.Bin), SafeText.Csv(r.Company), SafeText.Csv(r.Subtype), SafeText.Csv(r.Zone),
                Num(r.KwhTotal), .. EnergySources.All.Select(s => Num(r.KwhBySource[s])),
                Num(r.GridQuotaKwh), SafeText.Csv(r.QuotaStatus), SafeText.Csv(r.FeeBasis), Num(r.FeeKzt), SafeText.Csv(r.FeeStatus),
                Num(r.RequiredSaleShare), Num(r.SaleShare), SafeText.Csv(r.SaleStatus),
                r.ConsumptionReports.ToString(c), r.SalesReports.ToString(c), r.LateReports.ToString(c), r.Violations.ToString(c), r.Warnings.ToString(c),
                r.Findings.ToString(c), SafeText.Csv(r.Status),
            ];
            csv.AppendJoin(',', fields).Append("\r\n");
        }

        var t = report.Totals;
        string?[] totals =
        [
            "Total", "", SafeText.Csv($"{t.Licences} licences"), "", "", Num(t.KwhTotal), .. EnergySources.All.Select(s => Num(t.KwhBySource[s])),
            Num(t.GridQuotaKwh), "", "", Num(t.FeeKzt), "", "", "", "",
            t.ConsumptionReports.ToString(c), t.SalesReports.ToString(c), t.LateReports.ToString(c), t.Violations.ToString(c), t.Warnings.ToString(c),
            t.Findings.ToString(c), "",
        ];
        csv.AppendJoin(',', totals).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void Header(IXLWorksheet sheet, (string Header, double Width)[] columns)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = sheet.Cell(1, i + 1);
            SafeText.Write(cell, columns[i].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            cell.Style.Alignment.WrapText = true;
            sheet.Column(i + 1).Width = columns[i].Width;
        }
    }

    private static void Finish(IXLWorksheet sheet, int columns, int lastRow)
    {
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(lastRow, 1), columns).SetAutoFilter();
    }

    private static void Number(IXLCell cell, decimal? value, string format)
    {
        if (value is null) return;
        cell.SetValue(value.Value);
        cell.Style.NumberFormat.Format = format;
    }

    private static void Instant(IXLCell cell, DateTimeOffset instant)
    {
        cell.SetValue(KazakhstanTime.ToLocal(instant).DateTime);
        cell.Style.NumberFormat.Format = DateTimeFormat;
    }
}
