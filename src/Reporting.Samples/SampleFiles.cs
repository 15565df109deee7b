using System.Text.Json;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Registry;
using Reporting.Excel.Reports;

namespace Reporting.Samples;

/// <summary>
/// The files in samples/: a realistic miner's valid consumption and sales workbooks for one month,
/// and one broken variant per kind of mistake with a manifest of the issues each must produce.
/// `reporting samples --out samples` rebuilds them.
/// </summary>
public static class SampleFiles
{
    public static readonly Month SampleMonth = new(2025, 3);
    public const string ManifestName = "manifest.json";

    /// <summary>The sample dataset's miner with the richest consumption report (several sites and sources).</summary>
    public static (SampleDataset Dataset, MinerProfile Miner) SampleMiner()
    {
        var dataset = new SampleDataset();
        var miner = dataset.Profiles
            .Where(p => p.Licence.IsActiveIn(SampleMonth))
            .OrderByDescending(p => dataset.Consumption(p, SampleMonth).Rows.Count)
            .ThenBy(p => p.Licence.Number, StringComparer.Ordinal)
            .First();
        return (dataset, miner);
    }

    public static ConsumptionReport SampleConsumption()
    {
        var (dataset, miner) = SampleMiner();
        return dataset.Consumption(miner, SampleMonth);
    }

    public static SalesReport SampleSales()
    {
        var (dataset, miner) = SampleMiner();
        return dataset.Sales(miner, SampleMonth);
    }

    public static BrokenSamples Broken() => new(SampleConsumption(), SampleSales());

    public const string RegistryFileName = "registry.xlsx";

    /// <summary>The sample dataset's registry with quotas from the start of the quota regime to the end of 2025.</summary>
    public static Domain.Registry.Registry SampleRegistry()
    {
        var (dataset, _) = SampleMiner();
        var months = new List<Month>();
        for (var month = new Month(2023, 7); month <= new Month(2025, 12); month = month.Next) months.Add(month);
        return dataset.Registry(months);
    }

    public static string ConsumptionFileName => $"consumption-{SampleMonth}.xlsx";
    public static string SalesFileName => $"sales-{SampleMonth}.xlsx";

    /// <summary>Writes every sample; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory, bool includeZipBomb = true)
    {
        var written = new List<string>();
        Directory.CreateDirectory(directory);
        var broken = Path.Combine(directory, "broken");
        Directory.CreateDirectory(broken);

        // Written by ClosedXML (formatted for people); its package ids differ on every run, the content does not.
        written.Add(Save(Path.Combine(directory, RegistryFileName), RegistryWorkbookWriter.ToBytes(SampleRegistry())));
        written.Add(Save(Path.Combine(directory, ConsumptionFileName), MonthReportWriter.ToBytes(SampleConsumption())));
        written.Add(Save(Path.Combine(directory, SalesFileName), MonthReportWriter.ToBytes(SampleSales())));

        var samples = Broken();
        var manifest = new List<object>();
        foreach (var sample in samples.All)
        {
            written.Add(Save(Path.Combine(broken, sample.FileName), sample.Build()));
            manifest.Add(new { file = sample.FileName, mistake = sample.Mistake, expected = sample.Expected.Select(e => new { code = e.Code, sheet = e.Sheet, cell = e.Cell }) });
        }

        written.Add(Save(Path.Combine(broken, "too-many-rows.xlsx"), BrokenSamples.TooManyRows(SampleConsumption(), 50_001)));
        manifest.Add(new { file = "too-many-rows.xlsx", mistake = "50,001 data rows (the limit is 50,000).", expected = new[] { new { code = "too-many-rows", sheet = (string?)"Consumption", cell = (string?)"A50002" } } });

        // Made from the consumption sample by tests/interop/encrypt-workbook.mjs (scripts/generate-samples.sh):
        // .NET has no writer for ECMA-376 encrypted packages.
        manifest.Add(new { file = "encrypted-workbook.xlsx", mistake = "Protected with a password (ECMA-376 encryption, by xlsx-populate).", expected = new[] { new { code = "encrypted-workbook", sheet = (string?)null, cell = (string?)null } } });

        if (includeZipBomb)
        {
            var bomb = Path.Combine(broken, "archive-too-large.xlsx");
            using (var file = File.Create(bomb)) BrokenSamples.WriteZipBomb(file);
            written.Add(bomb);
            manifest.Add(new { file = "archive-too-large.xlsx", mistake = "A zip bomb: the worksheet unpacks to 2 GiB.", expected = new[] { new { code = "archive-too-large", sheet = (string?)null, cell = (string?)null } } });
        }

        var manifestPath = Path.Combine(broken, ManifestName);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        written.Add(manifestPath);
        return written;
    }

    private static string Save(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
