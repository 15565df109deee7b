using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;
using Reporting.Samples;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests;

/// <summary>
/// Hostile and oversized files are rejected with a code, never an exception, and without loading them:
/// the bytes allocated stay far below the file's unpacked size. (Speed is measured in bench/, not here.)
/// </summary>
public sealed class HostileFileTests
{
    private static readonly MonthReportParser Parser = new(new WorkbookLimits());

    [Fact]
    public void A_sheet_of_1048576_rows_is_stopped_at_the_row_limit_without_reading_the_rest()
    {
        using var temp = new TempDirectory();
        var path = temp.File("million.xlsx");
        using (var file = File.Create(path)) BrokenSamples.WriteTooManyRows(SampleFiles.SampleConsumption(), 1_048_575, file);

        // With the default limits the file is already refused for its size...
        Assert.Equal(IssueCodes.FileTooLarge, Assert.Single(Parse(path, Parser).Validation.Issues).Code);

        // ...and with the size limit lifted, the row limit stops the reading at row 50,002.
        var (result, allocated) = ParseMeasured(path, new MonthReportParser(new WorkbookLimits { MaxBytes = 200_000_000 }));

        var issue = Assert.Single(result.Validation.Issues, i => i.Severity == Severity.Error);
        Assert.Equal(IssueCodes.TooManyRows, issue.Code);
        Assert.Equal("A50002", issue.Cell);
        Assert.True(allocated < 150_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_zip_bomb_is_rejected_from_its_declared_sizes_before_anything_is_unpacked()
    {
        var (result, allocated) = ParseMeasured(Path.Combine(RepositoryPaths.BrokenSamples, "archive-too-large.xlsx"), Parser);

        Assert.Equal(IssueCodes.ArchiveTooLarge, Assert.Single(result.Validation.Issues).Code);
        Assert.True(allocated < 20_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_bomb_with_forged_small_sizes_is_cut_at_its_declared_size_and_rejected()
    {
        // The zip headers claim 1,000 bytes for a sheet that really holds 64 MiB of data.
        using var stream = new MemoryStream();
        BrokenSamples.WriteZipBomb(stream, 64L * 1024 * 1024);
        var bytes = stream.ToArray();
        ForgeUncompressedSize(bytes, "xl/worksheets/sheet1.xml", 1000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Parser.Parse(new MemoryStream(bytes));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(result.Validation.Issues, i => i.Code == IssueCodes.NotAWorkbook && i.Message.Say().Contains("XML is broken", StringComparison.Ordinal));
        Assert.True(allocated < 20_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_shared_string_table_beyond_its_own_limit_is_refused_before_it_is_loaded()
    {
        var template = SampleFiles.SampleConsumption();
        var rows = Enumerable.Range(1, 300).Select(i => new Domain.Reports.ConsumptionRow(i + 1, $"Site-{i}", $"Meter-{i:D5}", Domain.Reports.EnergySource.Renewable, 1000 + i, null)).ToArray();
        var bytes = MonthReportWriter.ToBytes(new Domain.Reports.ConsumptionReport(template.Header, rows));

        var accepted = Parser.Parse(new MemoryStream(bytes));
        var refused = new MonthReportParser(new WorkbookLimits { MaxSharedStringsBytes = 4096 }).Parse(new MemoryStream(bytes));

        Assert.True(accepted.Validation.IsValid);
        var issue = Assert.Single(refused.Validation.Issues);
        Assert.Equal(IssueCodes.ArchiveTooLarge, issue.Code);
        Assert.Contains("table of texts", issue.Message.Say(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_decompression_budget_stops_a_read_that_goes_beyond_it()
    {
        var budget = new DecompressionBudget(1000);
        using var stream = new BoundedReadStream(new MemoryStream(new byte[5000]), budget);

        var error = Assert.Throws<WorkbookRejectedException>(() => stream.CopyTo(Stream.Null, 256));

        Assert.Equal(IssueCodes.ArchiveTooLarge, error.Issue.Code);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_rejected_before_it_is_opened()
    {
        var bytes = BrokenSamples.Oversized(SampleFiles.SampleConsumption(), 21_000_000);

        var result = Parser.Parse(new MemoryStream(bytes));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal(IssueCodes.FileTooLarge, issue.Code);
        Assert.Contains("20 MB", issue.Message.Say());
    }

    [Fact]
    public void A_non_seekable_stream_over_the_limit_is_rejected_without_buffering_all_of_it()
    {
        var bytes = BrokenSamples.Oversized(SampleFiles.SampleConsumption(), 3_000_000);
        var parser = new MonthReportParser(new WorkbookLimits { MaxBytes = 1_000_000 });

        var result = parser.Parse(new ForwardOnlyStream(bytes));

        Assert.Equal(IssueCodes.FileTooLarge, Assert.Single(result.Validation.Issues).Code);
    }

    [Theory]
    [InlineData("Site;Meter;kWh\nA;1;2\n", "CSV")]
    [InlineData("<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML")]
    [InlineData("%PDF-1.7 ...", "PDF")]
    [InlineData("", "empty")]
    public void Files_that_are_not_workbooks_say_what_they_are(string content, string expectedWord)
    {
        var result = Parser.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal(IssueCodes.NotAWorkbook, issue.Code);
        Assert.Contains(expectedWord, issue.Message.Say());
    }

    [Fact]
    public void A_zip_that_is_not_an_office_document_is_not_a_workbook()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        stream.Position = 0;
        var result = Parser.Parse(stream);

        Assert.Equal(IssueCodes.NotAWorkbook, Assert.Single(result.Validation.Issues).Code);
    }

    [Fact]
    public void A_truncated_workbook_is_reported_as_damaged()
    {
        var bytes = MonthReportWriter.ToBytes(SampleFiles.SampleConsumption());

        var result = Parser.Parse(new MemoryStream(bytes[..(bytes.Length / 2)]));

        var issue = Assert.Single(result.Validation.Issues);
        Assert.Equal(IssueCodes.NotAWorkbook, issue.Code);
    }

    [Fact]
    public void A_legacy_compound_file_without_encryption_is_an_old_xls()
    {
        byte[] header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var issue = Assert.Single(Parser.Parse(new MemoryStream(header)).Validation.Issues);

        Assert.Equal(IssueCodes.NotAWorkbook, issue.Code);
        Assert.Contains(".xls", issue.Message.Say());
    }

    [Fact]
    public void Issues_beyond_the_cap_are_counted_not_listed()
    {
        var report = SampleFiles.SampleConsumption();
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream))
        {
            MonthReportWriter.WriteReportSheet(writer, report.Header);
            var sheet = writer.AddSheet("Consumption");
            sheet.WriteRow("Site", "Meter", "Source", "kWh", "Cost KZT");
            for (var i = 0; i < 1500; i++) sheet.WriteRow("S" + i, "M" + i, "grid", "lots", 5m);
        }

        stream.Position = 0;
        var result = new MonthReportParser(new WorkbookLimits { MaxIssues = 1000 }).Parse(stream);

        Assert.Equal(1000, result.Validation.Issues.Count(i => i.Code == IssueCodes.TypeError));
        Assert.Equal(500, result.Validation.Suppressed);
        Assert.Contains(result.Validation.Issues, i => i.Code == IssueCodes.TooManyIssues && i.Message.Say().StartsWith("500 ", StringComparison.Ordinal));
    }

    private static (MonthReportParseResult Result, long Allocated) ParseMeasured(string path, MonthReportParser parser)
    {
        using var stream = File.OpenRead(path);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = parser.Parse(stream);
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static MonthReportParseResult Parse(string path, MonthReportParser parser)
    {
        using var stream = File.OpenRead(path);
        return parser.Parse(stream);
    }

    /// <summary>Rewrites an entry's uncompressed size in its local header and its central directory record.</summary>
    private static void ForgeUncompressedSize(byte[] zip, string entryName, int size)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i < zip.Length - 46; i++)
        {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04 && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), size);
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02 && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), size);
        }
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
