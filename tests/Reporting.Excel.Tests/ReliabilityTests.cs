using System.IO.Compression;
using ClosedXML.Excel;
using Reporting.Domain.Text;
using Reporting.Domain.Validation;
using Reporting.Excel.Feedback;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;
using Reporting.Samples;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests;

/// <summary>What a careful tester found breaking, each with the file that broke it: now refused precisely, or bounded.</summary>
public sealed class ReliabilityTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());

    private static byte[] Consumption(Action<XlsxWriter.SheetWriter> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream, new XlsxWriterOptions { SharedStrings = false }))
        {
            MonthReportWriter.WriteReportSheet(writer, SampleFiles.SampleConsumption().Header);
            var sheet = writer.AddSheet("Consumption");
            sheet.WriteRow("Site", "Meter", "Source", "kWh", "Cost KZT");
            rows(sheet);
        }

        return stream.ToArray();
    }

    [Fact]
    public void A_cell_longer_than_excel_allows_is_refused_at_its_cell_with_the_value_cut_short()
    {
        var bytes = Consumption(sheet => sheet.WriteRow(new string('x', 2_000_000), "M-1", "grid", 1000, 25_000));

        var result = Parser.Parse(new MemoryStream(bytes));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal((IssueCodes.CellTooLong.Code, "Consumption", "A2"), (issue.Code, issue.Sheet, issue.Cell));
        Assert.Equal(ValidationIssue.MaxValueLength + 1, issue.Value!.Length);
        Assert.Contains("2,000,000 characters", issue.Message.Say(), StringComparison.Ordinal);
        Assert.Null(result.Report);
    }

    [Fact]
    public void A_field_longer_than_its_column_allows_is_a_constraint_error_naming_the_limit()
    {
        var bytes = Consumption(sheet => sheet.WriteRow(new string('S', 201), "M-1", "grid", 1000, 25_000));

        var issue = Assert.Single(Parser.Parse(new MemoryStream(bytes)).Validation.Issues);

        Assert.Equal((IssueCodes.ConstraintError.Code, "too-long", "A2"), (issue.Code, issue.Message.Variant, issue.Cell));
        Assert.Equal("Site is 201 characters long; at most 200 are accepted.", issue.Message.Say());
    }

    [Theory]
    [InlineData("xl/worksheets/sheet2.xml")]
    [InlineData("xl/Worksheets/SHEET2.xml")]
    public void A_zip_with_two_parts_of_one_name_is_refused_whichever_one_a_tool_would_read(string duplicateName)
    {
        var original = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using (var from = entry.Open())
                using (var to = target.CreateEntry(entry.FullName).Open())
                    from.CopyTo(to);
            }

            // A second consumption sheet with other figures: unzip shows the first, .NET would read the last.
            using var forged = new StreamWriter(target.CreateEntry(duplicateName).Open());
            forged.Write("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>""");
        }

        var issue = Assert.Single(Parser.Parse(new MemoryStream(output.ToArray())).Validation.Issues);

        Assert.Equal(IssueCodes.DuplicatePart.Code, issue.Code);
        Assert.Equal(duplicateName, issue.Value);
        Assert.True(issue.IsFileLevel);
    }

    [Fact]
    public void A_file_beyond_the_row_limit_is_told_so_first_even_after_more_problems_than_are_listed()
    {
        var limits = new WorkbookLimits { MaxRows = 1_500, MaxIssues = 1_000 };
        // Every row has a problem (a negative kWh), and there are more rows than the limit.
        var bytes = Consumption(sheet =>
        {
            for (var i = 0; i < 1_600; i++) sheet.WriteRow("Site", $"M-{i}", "grid", -1, 25_000);
        });

        var report = new MonthReportParser(limits).Parse(new MemoryStream(bytes)).Validation;

        Assert.Equal(IssueCodes.TooManyRows.Code, report.Issues[0].Code);
        Assert.Equal("A1502", report.Issues[0].Cell);
        Assert.Equal(1_000 + 1 + 1, report.Issues.Count); // the listed cap, the row limit, and the note of what was not listed
        Assert.Equal(IssueCodes.TooManyIssues.Code, report.Issues[^1].Code);
        Assert.Equal(500, report.Suppressed);
        Assert.Equal(1_501, report.ErrorCount);
    }

    [Fact]
    public void A_failure_no_check_foresees_is_not_turned_into_a_rejection_of_the_file()
    {
        // A stream that fails as a bug would (not a damaged file): the parser must let it through, for the host to log and retry.
        var failing = new FailingStream(MonthReportWriter.ToBytes(SampleFiles.SampleConsumption()));

        Assert.Throws<NotSupportedException>(() => Parser.Parse(failing));
    }

    [Fact]
    public void A_small_rejected_file_comes_back_marked_in_the_readers_language_with_control_characters_dropped()
    {
        var bytes = Consumption(sheet => sheet.WriteRow("Site\u0001\u001b[2J", "M-1", "coal", 1000, 25_000));
        var issues = Parser.Parse(new MemoryStream(bytes)).Validation.Issues;

        var feedback = FeedbackWorkbookWriter.Write(bytes, issues, Language.Kk)!;

        Assert.Null(feedback.AnnotationFailure?.ToString());
        Assert.Equal(FeedbackWorkbookKind.Annotated, feedback.Kind);
        using var workbook = new XLWorkbook(new MemoryStream(feedback.Content));
        var problems = workbook.Worksheets.First();
        Assert.Equal(MessageCatalog.Default.In(Language.Kk)[FeedbackTexts.ProblemsSheet], problems.Name);
        Assert.Equal(IssueCodes.UnknownSource.Code, problems.Cell(2, 2).GetString());
        Assert.True(workbook.Worksheet("Consumption").Cell("C2").HasComment);
        Assert.Equal("FFFFC7CE", workbook.Worksheet("Consumption").Cell("C2").Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_large_rejected_file_gets_its_problems_alone_in_bounded_memory_and_says_why()
    {
        // 200,000 rows, every one wrong: far beyond what is copied with marks (a copy loads the whole workbook).
        var bytes = Consumption(sheet =>
        {
            for (var i = 0; i < 200_000; i++) sheet.WriteRow($"Site {i}", $"M-{i}", "coal", 1000, 25_000);
        });
        var issues = new MonthReportParser(new WorkbookLimits { MaxRows = 250_000, MaxBytes = 100_000_000 }).Parse(new MemoryStream(bytes)).Validation.Issues;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var feedback = FeedbackWorkbookWriter.Write(bytes, issues, Language.En)!;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(FeedbackWorkbookKind.ProblemsOnly, feedback.Kind);
        Assert.True(allocated < 30_000_000, $"allocated {allocated:N0} bytes");
        using var workbook = new XLWorkbook(new MemoryStream(feedback.Content));
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Problems", sheet.Name);
        Assert.Equal(issues.Count + 3, sheet.LastRowUsed().RowNumber()); // header, every issue, a blank row and the note
        Assert.Contains("too large to return with the cells marked", sheet.LastRowUsed().Cell(6).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_workbook_at_all_gets_no_feedback_workbook()
    {
        var issues = Parser.Parse(new MemoryStream("a,b\n1,2\n"u8.ToArray())).Validation.Issues;

        Assert.Null(FeedbackWorkbookWriter.Write("a,b\n1,2\n"u8.ToArray(), issues, Language.Ru));
    }

    private sealed class FailingStream(byte[] content) : MemoryStream(content)
    {
        public override int Read(Span<byte> buffer) => Position > 600 ? throw new NotSupportedException("a bug") : base.Read(buffer);

        public override int Read(byte[] buffer, int offset, int count) => Position > 600 ? throw new NotSupportedException("a bug") : base.Read(buffer, offset, count);
    }
}
