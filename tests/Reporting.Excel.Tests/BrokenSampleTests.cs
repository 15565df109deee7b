using System.Text.Json;
using Reporting.Domain.Validation;
using Reporting.Excel.Reading;
using Reporting.Excel.Reports;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests;

/// <summary>Every committed broken sample is rejected with the code and the cell its manifest names.</summary>
public sealed class BrokenSampleTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Manifest()) data.Add(entry.File);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Broken_sample_is_rejected_with_the_expected_code_and_cell(string file)
    {
        var entry = Manifest().Single(e => e.File == file);
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.BrokenSamples, file));

        var result = new MonthReportParser(new WorkbookLimits()).Parse(stream);

        Assert.False(result.IsValid);
        Assert.Null(result.Report);
        foreach (var expected in entry.Expected)
        {
            Assert.Contains(result.Validation.Issues, i =>
                i.Code == expected.Code && i.Severity == Severity.Error && i.Sheet == expected.Sheet && i.Cell == expected.Cell);
        }

        // The named mistakes are the only errors: nothing else in the file is wrongly blamed.
        var errors = result.Validation.Issues.Where(i => i.Severity == Severity.Error).Select(i => (i.Code, i.Sheet, i.Cell));
        Assert.Equal(entry.Expected.Select(e => (e.Code, e.Sheet, e.Cell)).Order(), errors.Order());
        Assert.All(result.Validation.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message.Say())));
    }

    /// <summary>
    /// The issue's required codes, each produced by a committed file listed in the manifest. Two are produced by real
    /// files elsewhere: encrypted-workbook by the committed encrypted-workbook.xlsx (written by xlsx-populate, see
    /// OtherWritersTests) and file-too-large by generated 20+ MB workbooks (HostileFileTests; too big to commit).
    /// </summary>
    [Fact]
    public void Every_required_code_has_a_committed_sample()
    {
        var covered = Manifest().SelectMany(e => e.Expected).Select(e => e.Code).ToHashSet();
        string[] required =
        [
            IssueCodes.NotAWorkbook, IssueCodes.MacroEnabled, IssueCodes.TooManyRows, IssueCodes.ArchiveTooLarge,
            IssueCodes.MissingSheet, IssueCodes.MissingColumn, IssueCodes.MissingValue, IssueCodes.TypeError, IssueCodes.ConstraintError,
            IssueCodes.UnknownSource, IssueCodes.InvalidBin, IssueCodes.InvalidPeriod, IssueCodes.DateOutsidePeriod, IssueCodes.DuplicateRow,
            IssueCodes.DuplicateTradeId, IssueCodes.FormulaWithoutCachedValue,
        ];
        Assert.All(required, code => Assert.Contains(code, covered));
    }

    private sealed record ManifestEntry(string File, string Mistake, IReadOnlyList<ManifestIssue> Expected);

    private sealed record ManifestIssue(string Code, string? Sheet, string? Cell);

    private static IReadOnlyList<ManifestEntry> Manifest() =>
        JsonSerializer.Deserialize<List<ManifestEntry>>(File.ReadAllText(Path.Combine(RepositoryPaths.BrokenSamples, "manifest.json")),
            new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
}
