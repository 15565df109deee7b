using Reporting.Domain;
using System.Globalization;
using Reporting.Domain.Periods;
using Reporting.Domain.Reports;
using Reporting.Excel.Reports;
using Reporting.Excel.Writing;

namespace Reporting.Samples;

/// <summary>What the demo generates: the period, the population, and how often miners get things wrong.</summary>
public sealed record DemoOptions
{
    public int Licences { get; init; } = 48;
    public Month From { get; init; } = new(2024, 1);
    public Month To { get; init; } = new(2025, 12);
    public int Seed { get; init; } = 2025;

    /// <summary>Scale fleets so the whole population consumes about this many kWh over the period.</summary>
    public decimal? TargetKwh { get; init; }

    public double LateShare { get; init; } = 0.08;
    public double MissingShare { get; init; } = 0.03;
    public double CorrectionShare { get; init; } = 0.05;
    public double BrokenShare { get; init; } = 0.04;
    public double DuplicateShare { get; init; } = 0.02;
}

/// <summary>Why a planned upload looks as it does.</summary>
public enum UploadStory
{
    OnTime,
    Late,

    /// <summary>A file with a mistake (rejected).</summary>
    Broken,

    /// <summary>The valid file that replaces a broken one.</summary>
    Fix,

    /// <summary>A valid report with wrong figures, superseded by a correction.</summary>
    WrongFigures,

    /// <summary>The correction of a report with wrong figures.</summary>
    Correction,

    /// <summary>The same file uploaded again.</summary>
    Duplicate,
}

/// <summary>One upload the demo makes: the blob, its bytes, when the miner filed it, and its story.</summary>
public sealed record PlannedUpload(string BlobName, byte[] Content, DateTimeOffset ReceivedAt, UploadStory Story, bool Late);

/// <summary>
/// A realistic year or more of uploads for a population of miners: most reports on time, some late, some
/// missing, some first filed with mistakes and then corrected, some broken files fixed a few days later,
/// some uploaded twice. Deterministic for a seed.
/// </summary>
public sealed class DemoPlan
{
    private DemoPlan(SampleDataset dataset, Domain.Registry.Registry registry, IReadOnlyList<PlannedUpload> uploads, IReadOnlyList<MonthReport> counted)
    {
        Dataset = dataset;
        Registry = registry;
        Uploads = uploads;
        Counted = counted;
    }

    public SampleDataset Dataset { get; }
    public Domain.Registry.Registry Registry { get; }
    public IReadOnlyList<PlannedUpload> Uploads { get; }

    /// <summary>The reports that should count in the end (the last valid upload of each licence-month-kind).</summary>
    public IReadOnlyList<MonthReport> Counted { get; }

    public static IEnumerable<Month> Months(Month from, Month to)
    {
        for (var month = from; month <= to; month = month.Next) yield return month;
    }

    public static DemoPlan Create(DemoOptions options)
    {
        var months = Months(options.From, options.To).ToArray();
        var registryFrom = options.From.Start.AddMonths(-12);
        var until = options.To.End.AddYears(1);
        var dataset = new SampleDataset(options.Licences, options.Seed, registryFrom, 1, until);
        if (options.TargetKwh is { } target)
        {
            // Reports vary around plan (x0.99 on average) and some never arrive (missing, broken and never fixed).
            var planned = dataset.Profiles.Sum(p => months.Where(p.Licence.IsActiveIn).Sum(m => SampleDataset.PlannedKwh(p, m)));
            var filed = 0.99m * (1 - (decimal)options.MissingShare) * (1 - (decimal)options.BrokenShare * 0.15m);
            dataset = new SampleDataset(options.Licences, options.Seed, registryFrom, target / (planned * filed), until);
        }

        var deadline = ReportDeadline.Default;
        var random = new Random(options.Seed ^ 0x5eed);
        var uploads = new List<PlannedUpload>();
        var counted = new List<MonthReport>();
        var broken = new List<Func<MonthReport, byte[]>>
        {
            r => Mutated(r, "Company"),
            r => Mutated(r, "Source"),
            r => Mutated(r, "Bin"),
        };

        foreach (var profile in dataset.Profiles)
        {
            foreach (var month in months.Where(profile.Licence.IsActiveIn))
            {
                var due = deadline.DueAt(month);
                foreach (var kind in new[] { ReportKind.Consumption, ReportKind.Sales })
                {
                    if (random.NextDouble() < options.MissingShare) continue;
                    MonthReport report = kind == ReportKind.Consumption ? dataset.Consumption(profile, month) : dataset.Sales(profile, month);
                    var folder = profile.Licence.Number;
                    var name = string.Create(CultureInfo.InvariantCulture, $"{folder}/{month}-{kind.Code()}");
                    var late = random.NextDouble() < options.LateShare;
                    var filed = late
                        ? due.AddDays(1 + random.Next(0, 25)).AddHours(random.Next(0, 12))
                        : due.AddDays(-1 - random.Next(0, 8)).AddHours(-random.Next(0, 12));
                    var roll = random.NextDouble();
                    if (roll < options.BrokenShare)
                    {
                        // A broken file first; most miners fix it within days, a few never do.
                        uploads.Add(new PlannedUpload($"{name}.xlsx", broken[random.Next(broken.Count)](report), filed.AddDays(-2), UploadStory.Broken, late));
                        if (random.NextDouble() < 0.85)
                        {
                            uploads.Add(new PlannedUpload($"{name}-fixed.xlsx", MonthReportWriter.ToBytes(report), filed, UploadStory.Fix, late));
                            counted.Add(report);
                        }

                        continue;
                    }

                    if (roll < options.BrokenShare + options.CorrectionShare)
                    {
                        // A valid report with wrong figures, replaced by a corrected one (the first is superseded).
                        var wrong = report is ConsumptionReport c ? (MonthReport)(c with { Rows = [.. c.Rows.Select(r => r with { Kwh = decimal.Round(r.Kwh * 0.9m, 3) })] }) : report;
                        if (wrong is SalesReport s) wrong = s with { Sold = [.. s.Sold.Skip(1)] };
                        uploads.Add(new PlannedUpload($"{name}.xlsx", MonthReportWriter.ToBytes(wrong), filed.AddDays(-3), UploadStory.WrongFigures, late));
                        uploads.Add(new PlannedUpload($"{name}-v2.xlsx", MonthReportWriter.ToBytes(report), filed, UploadStory.Correction, late));
                        counted.Add(report);
                        continue;
                    }

                    var bytes = MonthReportWriter.ToBytes(report, new XlsxWriterOptions { SharedStrings = random.NextDouble() < 0.7 });
                    uploads.Add(new PlannedUpload($"{name}.xlsx", bytes, filed, late ? UploadStory.Late : UploadStory.OnTime, late));
                    counted.Add(report);
                    if (random.NextDouble() < options.DuplicateShare)
                        uploads.Add(new PlannedUpload($"{name} (copy).xlsx", bytes, filed.AddHours(2), UploadStory.Duplicate, late));
                }
            }
        }

        var registry = dataset.Registry(months);
        return new DemoPlan(dataset, registry with { Users = SampleUsers.For(registry.Licences) }, uploads, counted);
    }

    /// <summary>The report written with one typical mistake.</summary>
    private static byte[] Mutated(MonthReport report, string mistake)
    {
        switch (mistake)
        {
            case "Bin":
                return MonthReportWriter.ToBytes(report with { Header = report.Header with { Bin = report.Header.Bin[..11] + (char)('0' + (report.Header.Bin[11] - '0' + 1) % 10) } });
            case "Source" when report is ConsumptionReport c:
                using (var stream = new MemoryStream())
                {
                    using (var writer = new XlsxWriter(stream))
                    {
                        MonthReportWriter.WriteReportSheet(writer, c.Header);
                        var sheet = writer.AddSheet(ReportContract.ConsumptionSheet.En);
                        sheet.WriteRow(ReportContract.Consumption.Site.En, ReportContract.Consumption.Meter.En, ReportContract.Consumption.Source.En, ReportContract.Consumption.Kwh.En, ReportContract.Consumption.CostKzt.En);
                        var first = true;
                        foreach (var row in c.Rows)
                        {
                            sheet.WriteRow(row.Site, row.Meter, first ? "coal" : row.Source.Code(), row.Kwh.ToString(CultureInfo.GetCultureInfo("ru-RU")), XlsxCell.Of(row.CostKzt));
                            first = false;
                        }
                    }

                    return stream.ToArray();
                }

            default:
                return MonthReportWriter.ToBytes(report with { Header = report.Header with { Company = "" } });
        }
    }
}
