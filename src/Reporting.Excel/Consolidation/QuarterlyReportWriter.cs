using System.Globalization;
using System.Text;
using Reporting.Excel.Writing;
using Reporting.Domain.Assessment;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Validation;

namespace Reporting.Excel.Consolidation;

/// <summary>
/// The consolidated quarterly workbook (sheets Summary, Violations, Reconciliation, Missing, Late, About) and the Summary
/// as CSV. Numbers are numbers with formats, dates are dates, column widths are set explicitly, headers are
/// frozen and filtered, and text from outside never becomes a formula. Written with the streaming
/// <see cref="XlsxWriter"/>: a quarter of thousands of licences (and their tens of thousands of input
/// uploads in the audit trail) is written in a fraction of a second and without holding a workbook model.
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
        // Sized for the usual compressed size (about 150 bytes per summary row and 100 per input upload), so the
        // buffer rarely has to grow and be copied while the workbook is written.
        using var stream = new MemoryStream(64 * 1024 + report.Summary.Count * 150 + report.Inputs.Count * 100);
        using (var writer = new XlsxWriter(stream, new XlsxWriterOptions
        {
            // Most texts are unique (upload ids, blob names, hashes): written in their cells rather than indexed.
            SharedStrings = false,
            Title = $"Digital mining fee: consolidated report {report.Quarter}",
            Author = "Reporting pipeline",
        }))
        {
            var cells = new Cells(writer);
            WriteSummary(writer, cells, report);
            WriteViolations(writer, cells, report);
            WriteFindings(writer, cells, report);
            WriteMissing(writer, cells, report);
            WriteLate(writer, cells, report);
            WriteAbout(writer, cells, report);
        }

        return stream.ToArray();
    }

    private static void WriteSummary(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        var sheet = Table(writer, cells, "Summary", SummaryColumns);
        var row = new XlsxCell[SummaryColumns.Length];
        foreach (var r in report.Summary)
        {
            var c = 0;
            row[c++] = cells.Text(r.Licence);
            row[c++] = cells.Text(r.Bin);
            row[c++] = cells.Text(r.Company);
            row[c++] = cells.Text(r.Subtype);
            row[c++] = cells.Text(r.Zone);
            row[c++] = cells.Number(r.KwhTotal, Kwh);
            foreach (var source in EnergySources.All) row[c++] = cells.Number(r.KwhBySource[source], Kwh);
            row[c++] = cells.Number(r.GridQuotaKwh, Kwh);
            row[c++] = cells.Text(r.QuotaStatus);
            row[c++] = cells.Text(r.FeeBasis);
            row[c++] = cells.Number(r.FeeKzt, Money);
            row[c++] = cells.Text(r.FeeStatus);
            row[c++] = cells.Number(r.RequiredSaleShare, Share);
            row[c++] = cells.Number(r.SaleShare, Share);
            row[c++] = cells.Text(r.SaleStatus);
            row[c++] = cells.Number(r.ConsumptionReports, $"0\" of {r.MonthsActive}\"");
            row[c++] = cells.Number(r.SalesReports, $"0\" of {r.MonthsActive}\"");
            row[c++] = cells.Number(r.LateReports, "0");
            row[c++] = cells.Number(r.Violations, "0");
            row[c++] = cells.Number(r.Warnings, "0");
            row[c++] = cells.Number(r.Findings, "0");
            row[c] = cells.Text(r.Status);
            sheet.WriteRow(row);
        }

        // The totals row: bold, with a rule above it, and outside the filter (sorting must not move it among the licences).
        sheet.EndFilterRange();
        var t = report.Totals;
        Array.Clear(row);
        row[0] = cells.Text("Total", total: true);
        row[2] = cells.Text($"{t.Licences} licences", total: true);
        var col = 5;
        row[col++] = cells.Number(t.KwhTotal, Kwh, total: true);
        foreach (var source in EnergySources.All) row[col++] = cells.Number(t.KwhBySource[source], Kwh, total: true);
        row[col++] = cells.Number(t.GridQuotaKwh, Kwh, total: true);
        col += 2;
        row[col++] = cells.Number(t.FeeKzt, Money, total: true);
        row[col++] = t.RateUnverified > 0 ? cells.Text($"{t.RateUnverified} rate-unverified", total: true) : XlsxCell.Empty;
        col += 3;
        row[col++] = cells.Number(t.ConsumptionReports, "0", total: true);
        row[col++] = cells.Number(t.SalesReports, "0", total: true);
        row[col++] = cells.Number(t.LateReports, "0", total: true);
        row[col++] = cells.Number(t.Violations, "0", total: true);
        row[col++] = cells.Number(t.Warnings, "0", total: true);
        row[col] = cells.Number(t.Findings, "0", total: true);
        sheet.WriteRow(row);
    }

    private static void WriteViolations(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Period", 10), ("Code", 26), ("Severity", 9), ("Subject", 18), ("Figures", 60), ("Message", 100), ("Rule", 28), ("Source upload", 40)];
        var sheet = Table(writer, cells, "Violations", columns);
        foreach (var v in report.Violations)
        {
            sheet.WriteRow(
                cells.Text(v.Licence), cells.Text(v.Period), cells.Text(v.Code), cells.Text(v.Severity == Severity.Error ? "error" : "warning"),
                cells.Text(v.Subject), cells.Text(Figures(v.Figures)), cells.Text(v.Message), cells.Text(v.RuleReference), cells.Text(v.Source));
        }
    }

    private static void WriteFindings(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Month", 10), ("Report", 13), ("Code", 24), ("Subject", 26), ("Figures", 64), ("Message", 100), ("Independent source", 18)];
        var sheet = Table(writer, cells, "Reconciliation", columns);
        foreach (var f in report.Findings)
        {
            sheet.WriteRow(
                cells.Text(f.Licence), cells.Text(f.Month.ToString()), cells.Text(f.Kind == Domain.Reconciliation.FindingKind.Consumption ? "consumption" : "sales"),
                cells.Text(f.Code), cells.Text(f.Subject), cells.Text(Figures(f.Figures)), cells.Text(f.Message),
                cells.Text(f.Source switch
                {
                    Domain.Reconciliation.FindingSource.MarketOperator => "market operator",
                    Domain.Reconciliation.FindingSource.Exchange => "AIFC exchange",
                    Domain.Reconciliation.FindingSource.Pools => "mining pools",
                    _ => "reports received",
                }));
        }
    }

    private static void WriteMissing(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Company", 34), ("Month", 10), ("Report", 13), ("Due (Kazakhstan time)", 20)];
        var sheet = Table(writer, cells, "Missing", columns);
        foreach (var m in report.Missing)
            sheet.WriteRow(cells.Text(m.Licence), cells.Text(m.Company), cells.Text(m.Month.ToString()), cells.Text(m.Kind.Code()), cells.Instant(m.DueAt));
    }

    private static void WriteLate(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        (string, double)[] columns = [("Licence", 14), ("Company", 34), ("Month", 10), ("Report", 13), ("Due (Kazakhstan time)", 20), ("Received (Kazakhstan time)", 22), ("Days late", 10), ("Upload", 40)];
        var sheet = Table(writer, cells, "Late", columns);
        foreach (var l in report.Late)
        {
            sheet.WriteRow(cells.Text(l.Licence), cells.Text(l.Company), cells.Text(l.Month.ToString()), cells.Text(l.Kind.Code()),
                cells.Instant(l.DueAt), cells.Instant(l.ReceivedAt), cells.Number((decimal)l.DaysLate, "0.0"), cells.Text(l.Blob));
        }
    }

    private static void WriteAbout(XlsxWriter writer, Cells cells, QuarterlyReport report)
    {
        var sheet = writer.AddSheet("About", new XlsxSheetOptions(ColumnWidths: [34, 44, 12, 34, 44, 66, 22]));
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
            ("Rules in force not confirmed", report.NotConfirmedRules.Count == 0
                ? "none"
                : string.Join("; ", report.NotConfirmedRules.Select(n => $"{n.Reference} ({n.StatusCode})")) + ". See the rules file's source notes."),
        ];
        foreach (var (label, value) in facts)
        {
            var cell = value switch
            {
                string s => cells.Text(s),
                DateTime d => cells.DateTime(d, d.TimeOfDay == TimeSpan.Zero ? DateFormat : DateTimeFormat),
                int i => cells.Number(i, "#,##0"),
                decimal m => cells.Number(m, Money),
                _ => XlsxCell.Empty,
            };
            sheet.WriteRow(cells.Text(label, bold: true), cell);
        }

        sheet.WriteRow(facts.Length + 2, cells.Text("Input uploads (audit trail)", bold: true));
        string[] headers = ["Licence", "Month", "Report", "Upload id", "Blob", "SHA-256", "Received (Kazakhstan time)"];
        sheet.WriteRow(headers.Select(h => cells.Text(h, bold: true)).ToArray());
        foreach (var input in report.Inputs)
        {
            sheet.WriteRow(cells.Text(input.Licence), cells.Text(input.Month.ToString()), cells.Text(input.Kind.Code()), cells.Text(input.UploadId),
                cells.Text(input.Blob), cells.Text(input.Sha256), cells.Instant(input.ReceivedAt));
        }
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

    /// <summary>A table sheet: its header row (bold, shaded, wrapped), explicit widths, the header frozen and filters on.</summary>
    private static XlsxWriter.SheetWriter Table(XlsxWriter writer, Cells cells, string name, (string Header, double Width)[] columns)
    {
        var sheet = writer.AddSheet(name, new XlsxSheetOptions(columns.Select(c => c.Width).ToArray(), FreezeHeader: true, AutoFilter: true));
        sheet.WriteRow(columns.Select(c => cells.Header(c.Header)).ToArray());
        return sheet;
    }

    private static string Figures(IEnumerable<Figure> figures) =>
        string.Join("; ", figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} = {f.Value:0.########} {f.Unit}")));

    /// <summary>Cells with the report's formats. Text from outside that looks like a formula gets the quote prefix.</summary>
    private sealed class Cells(XlsxWriter writer)
    {
        private readonly int _header = writer.Style(new XlsxStyle(Bold: true, Fill: "DDEBF7", Wrap: true));
        private readonly int _quoted = writer.Style(new XlsxStyle(QuotePrefix: true));
        private readonly Dictionary<string, int> _formats = new(StringComparer.Ordinal);

        public XlsxCell Header(string text) => XlsxCell.Of(text).WithStyle(_header);

        public XlsxCell Text(string? text, bool bold = false, bool total = false)
        {
            if (text is null) return XlsxCell.Empty;
            var quoted = SafeText.LooksLikeFormula(text);
            var style = bold || total ? writer.Style(new XlsxStyle(Bold: true, TopBorder: total, QuotePrefix: quoted)) : quoted ? _quoted : 0;
            return XlsxCell.Of(text).WithStyle(style);
        }

        public XlsxCell Number(decimal? value, string format, bool total = false) => value is null
            ? XlsxCell.Empty
            : XlsxCell.Of(value.Value).WithStyle(total ? writer.Style(new XlsxStyle(format, Bold: true, TopBorder: true)) : Format(format));

        public XlsxCell DateTime(DateTime value, string format) => XlsxCell.OfDateTime(value).WithStyle(Format(format));

        /// <summary>The style of a plain number format, looked up once per format (cells are many, formats few).</summary>
        private int Format(string format)
        {
            if (!_formats.TryGetValue(format, out var style)) _formats[format] = style = writer.Style(new XlsxStyle(format));
            return style;
        }

        public XlsxCell Instant(DateTimeOffset instant) => DateTime(KazakhstanTime.ToLocal(instant).DateTime, DateTimeFormat);
    }
}
