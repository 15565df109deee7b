using System.Globalization;
using System.Text;
using Reporting.Domain;
using Reporting.Domain.Assessment;
using Reporting.Excel.Writing;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Domain.Text;

namespace Reporting.Excel.Consolidation;

/// <summary>
/// The consolidated quarterly workbook (sheets Overview, Summary, Violations, Reconciliation, Missing, Late, About) and the
/// Summary as CSV, worded in one language (Reports:Language). Numbers are numbers with formats, dates are dates, column
/// widths are set explicitly, headers are frozen and filtered, and text from outside never becomes a formula. Every sheet
/// prints landscape, one page wide, its header row repeated and a footer naming the quarter, when the report was
/// generated, its fingerprint and the page. Written with the streaming <see cref="XlsxWriter"/>: a quarter of thousands
/// of licences (and their tens of thousands of input uploads in the audit trail) is written in a fraction of a second and
/// without holding a workbook model.
/// </summary>
public static class QuarterlyReportWriter
{
    internal const string Kwh = "#,##0.000";
    internal const string Money = "#,##0.00";
    internal const string Share = "0.00%";
    internal const string DateFormat = "yyyy-mm-dd";
    internal const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    /// <summary>Header rows hold two lines of wrapped text (points).</summary>
    internal const double HeaderHeight = 30;

    /// <summary>The Summary's columns: the header (worded per language) and its width.</summary>
    private static (Func<Words, string> Header, double Width)[] SummaryColumns { get; } =
    [
        (w => w[ReportTexts.Licence], 14), (w => w[ReportTexts.Bin], 15), (w => w[ReportTexts.Company], 34), (w => w[ReportTexts.Subtype], 9), (w => w[ReportTexts.Zone], 10),
        (w => w[ReportTexts.KwhTotal], 18),
        .. EnergySources.All.Select(source => ((Func<Words, string>)(w => w.Render(ReportTexts.KwhOfSource.With(("source", Terms.Term(source))))), 18.0)),
        (w => w[ReportTexts.GridQuotaKwh], 18), (w => w[ReportTexts.QuotaStatus], 16), (w => w[ReportTexts.FeeBasis], 60), (w => w[ReportTexts.FeeDue], 18),
        (w => w[ReportTexts.FeeStatus], 16), (w => w[ReportTexts.RequiredSaleShare], 12), (w => w[ReportTexts.SaleShare], 11), (w => w[ReportTexts.SaleStatus], 16),
        (w => w[ReportTexts.ConsumptionReports], 13), (w => w[ReportTexts.SalesReports], 11), (w => w[ReportTexts.LateReports], 10), (w => w[ReportTexts.Violations], 10),
        (w => w[ReportTexts.Warnings], 10), (w => w[ReportTexts.Findings], 10), (w => w[ReportTexts.Status], 20),
    ];

    /// <summary>The Summary's (and the CSV's) headers in a language.</summary>
    public static IReadOnlyList<string> SummaryHeaders(Language language)
    {
        var words = MessageCatalog.Default.In(language);
        return SummaryColumns.Select(c => c.Header(words)).ToArray();
    }

    public static byte[] ToWorkbook(QuarterlyReport report, Language language = Language.Ru)
    {
        var words = MessageCatalog.Default.In(language);
        // Sized for the usual compressed size (about 150 bytes per summary row and 100 per input upload), so the
        // buffer rarely has to grow and be copied while the workbook is written.
        using var stream = new MemoryStream(64 * 1024 + report.Summary.Count * 150 + report.Inputs.Count * 100);
        using (var writer = new XlsxWriter(stream, new XlsxWriterOptions
        {
            // Most texts are unique (upload ids, blob names, hashes): written in their cells rather than indexed.
            SharedStrings = false,
            Title = words.Render(ReportTexts.Title.With(("quarter", MessageValue.Quarter(report.Quarter)))),
            Author = words[ReportTexts.Author],
        }))
        {
            var cells = new ReportCells(writer);
            var print = Print(report, words);
            OverviewSheetWriter.Write(writer, cells, report, words, print);
            WriteSummary(writer, cells, report, words, print);
            WriteViolations(writer, cells, report, words, print);
            WriteFindings(writer, cells, report, words, print);
            WriteMissing(writer, cells, report, words, print);
            WriteLate(writer, cells, report, words, print);
            WriteAbout(writer, cells, report, words, print);
        }

        return stream.ToArray();
    }

    /// <summary>Landscape, one page wide, the header row on every page, and the footer: quarter, generation time and fingerprint on the left, sheet and page on the right.</summary>
    private static XlsxPrintSetup Print(QuarterlyReport report, Words words)
    {
        var left = words.Render(OverviewTexts.PrintFooter.With(("quarter", MessageValue.Quarter(report.Quarter)), ("generated", MessageValue.Instant(report.GeneratedAt)),
            ("fingerprint", report.Fingerprint[..Math.Min(16, report.Fingerprint.Length)])));
        // The page numbers are Excel's codes, given as the template's values (its words hold no "&" to escape).
        var page = words.Render(OverviewTexts.PrintPage.With(("page", "&P"), ("pages", "&N")));
        return new XlsxPrintSetup(Landscape: true, FitToPageWidth: true, RepeatRowFrom: 1, FooterCodes: XlsxPrintSetup.Footer(left, null, "&A · " + page));
    }

    private static string? Word<T>(Words words, T? value) where T : struct, Enum => value is { } v ? words[Terms.Of(v)] : null;

    private static string FeeBasis(Words words, SummaryRow r) =>
        r.FeeBasis.Count == 0 ? words[ReportTexts.NoConsumptionReport] : FeeTexts.Render(words, r.FeeBasis);

    private static void WriteSummary(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        var sheet = Table(writer, cells, words[ReportTexts.SheetSummary], SummaryColumns.Select(c => (c.Header(words), c.Width)).ToArray(), print);
        var row = new XlsxCell[SummaryColumns.Length];
        var noReports = words[ReportTexts.NoReports];
        foreach (var r in report.Summary)
        {
            var c = 0;
            row[c++] = cells.Text(r.Licence);
            row[c++] = cells.Text(r.Bin);
            row[c++] = cells.Text(r.Company);
            row[c++] = cells.Text(r.Subtype?.ToString());
            row[c++] = cells.Text(Word(words, r.Zone));
            row[c++] = cells.Number(r.KwhTotal, Kwh);
            foreach (var source in EnergySources.All) row[c++] = cells.Number(r.KwhBySource[source], Kwh);
            row[c++] = cells.Number(r.GridQuotaKwh, Kwh);
            row[c++] = cells.Text(Word(words, r.QuotaStatus) ?? noReports);
            row[c++] = cells.Text(FeeBasis(words, r));
            row[c++] = cells.Number(r.FeeKzt, Money);
            row[c++] = cells.Text(Word(words, r.FeeStatus) ?? noReports);
            row[c++] = cells.Number(r.RequiredSaleShare, Share);
            row[c++] = cells.Number(r.SaleShare, Share);
            row[c++] = cells.Text(Word(words, r.SaleStatus) ?? noReports);
            row[c++] = cells.Number(r.ConsumptionReports, $"0\"/{r.MonthsActive}\"");
            row[c++] = cells.Number(r.SalesReports, $"0\"/{r.MonthsActive}\"");
            row[c++] = cells.Number(r.LateReports, "0");
            row[c++] = cells.Number(r.Violations, "0");
            row[c++] = cells.Number(r.Warnings, "0");
            row[c++] = cells.Number(r.Findings, "0");
            row[c] = cells.Text(words[Terms.Of(r.Status)]);
            sheet.WriteRow(row);
        }

        // The totals row: bold, with a rule above it, and outside the filter (sorting must not move it among the licences).
        sheet.EndFilterRange();
        var t = report.Totals;
        Array.Clear(row);
        row[0] = cells.Text(words[ReportTexts.Total], total: true);
        row[2] = cells.Text(words.Render(ReportTexts.TotalLicences.With(("count", t.Licences))), total: true);
        var col = 5;
        row[col++] = cells.Number(t.KwhTotal, Kwh, total: true);
        foreach (var source in EnergySources.All) row[col++] = cells.Number(t.KwhBySource[source], Kwh, total: true);
        row[col++] = cells.Number(t.GridQuotaKwh, Kwh, total: true);
        col += 2;
        row[col++] = cells.Number(t.FeeKzt, Money, total: true);
        row[col++] = t.RateUnverified > 0 ? cells.Text(words.Render(ReportTexts.TotalRateUnverified.With(("count", t.RateUnverified))), total: true) : XlsxCell.Empty;
        col += 3;
        row[col++] = cells.Number(t.ConsumptionReports, "0", total: true);
        row[col++] = cells.Number(t.SalesReports, "0", total: true);
        row[col++] = cells.Number(t.LateReports, "0", total: true);
        row[col++] = cells.Number(t.Violations, "0", total: true);
        row[col++] = cells.Number(t.Warnings, "0", total: true);
        row[col] = cells.Number(t.Findings, "0", total: true);
        sheet.WriteRow(row);
    }

    private static void WriteViolations(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        (string, double)[] columns =
        [
            (words[ReportTexts.Licence], 14), (words[ReportTexts.Period], 10), (words[ReportTexts.Code], 26), (words[ReportTexts.Severity], 12),
            (words[ReportTexts.Subject], 18), (words[ReportTexts.Figures], 60), (words[ReportTexts.Message], 100), (words[ReportTexts.Rule], 28),
            (words[ReportTexts.SourceUpload], 40),
        ];
        var sheet = Table(writer, cells, words[ReportTexts.SheetViolations], columns, print);
        foreach (var v in report.Violations)
        {
            sheet.WriteRow(
                cells.Text(v.Licence), cells.Text(v.Period), cells.Text(v.Code), cells.Text(words[Terms.Of(v.Severity)]),
                cells.Text(v.Subject), cells.Text(Figures(v.Figures, words)), cells.Text(words.Render(v.Message)), cells.Text(v.RuleReference), cells.Text(v.Source));
        }
    }

    private static void WriteFindings(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        (string, double)[] columns =
        [
            (words[ReportTexts.Licence], 14), (words[ReportTexts.Month], 10), (words[ReportTexts.Report], 14), (words[ReportTexts.Code], 24),
            (words[ReportTexts.Subject], 26), (words[ReportTexts.Figures], 64), (words[ReportTexts.Message], 100), (words[ReportTexts.IndependentSource], 22),
        ];
        var sheet = Table(writer, cells, words[ReportTexts.SheetFindings], columns, print);
        foreach (var f in report.Findings)
        {
            sheet.WriteRow(
                cells.Text(f.Licence), cells.Text(f.Month.ToString()), cells.Text(words[Terms.Of(f.Kind)]),
                cells.Text(f.Code), cells.Text(f.Subject), cells.Text(Figures(f.Figures, words)), cells.Text(words.Render(f.Message)),
                cells.Text(words[Terms.Of(f.Source)]));
        }
    }

    private static void WriteMissing(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        (string, double)[] columns = [(words[ReportTexts.Licence], 14), (words[ReportTexts.Company], 34), (words[ReportTexts.Month], 10), (words[ReportTexts.Report], 14), (words[ReportTexts.Due], 20)];
        var sheet = Table(writer, cells, words[ReportTexts.SheetMissing], columns, print);
        foreach (var m in report.Missing)
            sheet.WriteRow(cells.Text(m.Licence), cells.Text(m.Company), cells.Text(m.Month.ToString()), cells.Text(words[Terms.Of(m.Kind)]), cells.Instant(m.DueAt));
    }

    private static void WriteLate(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        (string, double)[] columns =
        [
            (words[ReportTexts.Licence], 14), (words[ReportTexts.Company], 34), (words[ReportTexts.Month], 10), (words[ReportTexts.Report], 14),
            (words[ReportTexts.Due], 20), (words[ReportTexts.Received], 22), (words[ReportTexts.DaysLate], 10), (words[ReportTexts.Upload], 40),
        ];
        var sheet = Table(writer, cells, words[ReportTexts.SheetLate], columns, print);
        foreach (var l in report.Late)
        {
            sheet.WriteRow(cells.Text(l.Licence), cells.Text(l.Company), cells.Text(l.Month.ToString()), cells.Text(words[Terms.Of(l.Kind)]),
                cells.Instant(l.DueAt), cells.Instant(l.ReceivedAt), cells.Number((decimal)l.DaysLate, "0.0"), cells.Text(l.Blob));
        }
    }

    private static void WriteAbout(XlsxWriter writer, ReportCells cells, QuarterlyReport report, Words words, XlsxPrintSetup print)
    {
        var t = report.Totals;
        (TextKey Label, object? Value)[] facts =
        [
            (ReportTexts.AboutReport, words.Render(ReportTexts.Title.With(("quarter", MessageValue.Quarter(report.Quarter))))),
            (ReportTexts.AboutQuarter, report.Quarter.ToString()),
            (ReportTexts.AboutGeneratedAt, KazakhstanTime.ToLocal(report.GeneratedAt).DateTime),
            (ReportTexts.AboutRuleVersions, string.Join(", ", report.RuleVersions)),
            (ReportTexts.AboutRegistryVersion, report.RegistryVersion),
            (ReportTexts.AboutDeclarationDue, report.DeclarationDue?.ToDateTime(TimeOnly.MinValue)),
            (ReportTexts.AboutPaymentDue, report.PaymentDue?.ToDateTime(TimeOnly.MinValue)),
            (ReportTexts.AboutReportsDue, words.Render(ReportTexts.AboutReportsDueValue.With(("day", report.Deadline.DayOfFollowingMonth),
                ("time", report.Deadline.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture))))),
            (ReportTexts.AboutLicences, t.Licences),
            (ReportTexts.AboutConsumptionReports, t.ConsumptionReports),
            (ReportTexts.AboutSalesReports, t.SalesReports),
            (ReportTexts.AboutMissingReports, report.Missing.Count),
            (ReportTexts.AboutLateReports, t.LateReports),
            (ReportTexts.AboutViolations, t.Violations),
            (ReportTexts.AboutWarnings, t.Warnings),
            (ReportTexts.AboutFindings, t.Findings),
            (ReportTexts.AboutFeeTotal, t.FeeKzt),
            (ReportTexts.AboutRateUnverified, t.RateUnverified),
            (ReportTexts.AboutFingerprint, report.Fingerprint),
            (ReportTexts.AboutNotConfirmed, report.NotConfirmedRules.Count == 0
                ? words[ReportTexts.AboutNotConfirmedNone]
                : words.Render(ReportTexts.AboutNotConfirmedList.With(("rules",
                    MessageValue.Texts(report.NotConfirmedRules.Select(n => $"{n.Reference} ({words[Terms.Of(n.Status)]})"))))))
        ];
        // The facts; the reconciliation coverage and the failed units (when there are any); then the inputs' title and
        // their header row: the one repeated on printed pages.
        var coverage = report.Processing.Coverage;
        var failed = report.Processing.Failed;
        var processingRows = (coverage.Count > 0 ? coverage.Count + 3 : 0) + (failed.Count > 0 ? failed.Count + 3 : 0);
        var inputsHeader = facts.Length + processingRows + 3;
        var sheet = writer.AddSheet(words[ReportTexts.SheetAbout], new XlsxSheetOptions(ColumnWidths: [38, 44, 12, 34, 44, 66, 22],
            Print: print with { RepeatRowFrom = inputsHeader, RepeatRowTo = inputsHeader }));
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
            sheet.WriteRow(cells.Text(words[label], bold: true), cell);
        }

        var next = facts.Length + 2;
        if (coverage.Count > 0)
        {
            sheet.WriteRow(next++, cells.Text(words[ReportTexts.AboutCoverage], bold: true));
            sheet.WriteRow(next++, new[] { ReportTexts.Month, ReportTexts.AboutSource, ReportTexts.AboutSourceState, ReportTexts.AboutSourceDetail }
                .Select(h => cells.Text(words[h], bold: true)).ToArray());
            foreach (var c in coverage)
            {
                sheet.WriteRow(next++, cells.Text(c.Month.ToString()), cells.Text(words[Terms.Of(c.Source)]), cells.Text(words[Terms.Of(c.State)]),
                    cells.Text(c.Detail is null ? null : words.Render(c.Detail)));
            }

            next++;
        }

        if (failed.Count > 0)
        {
            sheet.WriteRow(next++, cells.Text(words[ReportTexts.AboutFailedWork], bold: true));
            sheet.WriteRow(next++, cells.Text(words[ReportTexts.AboutUnit], bold: true), cells.Text(words[ReportTexts.AboutReason], bold: true));
            foreach (var f in failed) sheet.WriteRow(next++, cells.Text(words.Render(f.Unit)), cells.Text(f.Reason is null ? null : words.Render(f.Reason)));
            next++;
        }

        sheet.WriteRow(inputsHeader - 1, cells.Text(words[ReportTexts.AboutInputs], bold: true));
        TextKey[] headers = [ReportTexts.Licence, ReportTexts.Month, ReportTexts.Report, ReportTexts.UploadId, ReportTexts.Upload, ReportTexts.Sha256, ReportTexts.Received];
        sheet.WriteRow(inputsHeader, headers.Select(h => cells.Text(words[h], bold: true)).ToArray());
        foreach (var input in report.Inputs)
        {
            sheet.WriteRow(cells.Text(input.Licence), cells.Text(input.Month.ToString()), cells.Text(words[Terms.Of(input.Kind)]), cells.Text(input.UploadId),
                cells.Text(input.Blob), cells.Text(input.Sha256), cells.Instant(input.ReceivedAt));
        }
    }

    /// <summary>
    /// The Summary sheet as CSV: the headers in the report's language, values language-free (invariant numbers, status
    /// codes), so tools can read it whatever language the committee chose; UTF-8 with BOM so Excel reads Cyrillic names;
    /// formula-like text neutralised.
    /// </summary>
    public static byte[] ToCsv(QuarterlyReport report, Language language = Language.Ru)
    {
        var c = CultureInfo.InvariantCulture;
        var words = MessageCatalog.Default.In(language);
        var csv = new StringBuilder();
        csv.AppendJoin(',', SummaryHeaders(language).Select(SafeText.Csv)).Append("\r\n");
        foreach (var r in report.Summary)
        {
            string?[] fields =
            [
                SafeText.Csv(r.Licence), SafeText.Csv(r.Bin), SafeText.Csv(r.Company), SafeText.Csv(r.Subtype?.ToString()), r.Zone?.Code(),
                Num(r.KwhTotal), .. EnergySources.All.Select(s => Num(r.KwhBySource[s])),
                Num(r.GridQuotaKwh), r.QuotaStatus?.Code(), SafeText.Csv(FeeBasis(words, r)), Num(r.FeeKzt), r.FeeStatus?.Code(),
                Num(r.RequiredSaleShare), Num(r.SaleShare), r.SaleStatus?.Code(),
                r.ConsumptionReports.ToString(c), r.SalesReports.ToString(c), r.LateReports.ToString(c), r.Violations.ToString(c), r.Warnings.ToString(c),
                r.Findings.ToString(c), r.Status.Code(),
            ];
            csv.AppendJoin(',', fields).Append("\r\n");
        }

        var t = report.Totals;
        string?[] totals =
        [
            SafeText.Csv(words[ReportTexts.Total]), "", SafeText.Csv(words.Render(ReportTexts.TotalLicences.With(("count", t.Licences)))), "", "",
            Num(t.KwhTotal), .. EnergySources.All.Select(s => Num(t.KwhBySource[s])),
            Num(t.GridQuotaKwh), "", "", Num(t.FeeKzt), "", "", "", "",
            t.ConsumptionReports.ToString(c), t.SalesReports.ToString(c), t.LateReports.ToString(c), t.Violations.ToString(c), t.Warnings.ToString(c),
            t.Findings.ToString(c), "",
        ];
        csv.AppendJoin(',', totals).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A table sheet: its header row (bold, shaded, wrapped onto two lines: readers do not all grow a row to fit), explicit
    /// widths, the header frozen and filters on.
    /// </summary>
    private static XlsxWriter.SheetWriter Table(XlsxWriter writer, ReportCells cells, string name, (string Header, double Width)[] columns, XlsxPrintSetup print)
    {
        var sheet = writer.AddSheet(name, new XlsxSheetOptions(columns.Select(c => c.Width).ToArray(), FreezeHeader: true, AutoFilter: true, Print: print));
        sheet.WriteRowWithHeight(1, HeaderHeight, columns.Select(c => cells.Header(c.Header)).ToArray());
        return sheet;
    }

    /// <summary>The figures behind a violation or finding: their stable names, values in the reader's number format, units.</summary>
    private static string Figures(IEnumerable<Figure> figures, Words words) =>
        string.Join("; ", figures.Select(f => $"{f.Name} = {words.Format.Number(f.Value)} {f.Unit}"));
}
