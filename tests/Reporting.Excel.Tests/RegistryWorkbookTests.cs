using ClosedXML.Excel;
using Reporting.Domain.Registry;
using Reporting.Domain.Validation;
using Reporting.Excel.Registry;
using Reporting.Samples;
using Reporting.TestSupport;

namespace Reporting.Excel.Tests;

public sealed class RegistryWorkbookTests
{
    private static readonly RegistryWorkbookParser Parser = new(RegistryWorkbookParser.DefaultLimits);

    [Fact]
    public void The_sample_registry_is_valid_and_realistic()
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Samples, "registry.xlsx"));

        var result = Parser.Parse(stream);

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        var registry = result.Registry!;
        Assert.True(registry.Licences.Count >= 40);
        Assert.Contains(registry.Licences, l => l.Subtype == LicenceSubtype.I);
        Assert.Contains(registry.Licences, l => l.Subtype == LicenceSubtype.II);
        Assert.Equal(Enum.GetValues<Zone>().Order(), registry.Licences.Select(l => l.Zone).Distinct().Order());
        Assert.Contains(registry.Licences, l => l.Status != LicenceStatus.Active);
        Assert.NotEmpty(registry.Quotas);
        Assert.NotEmpty(registry.Equipment);
        Assert.Contains(registry.Exchanges, e => e.Code == "AIX");
    }

    [Fact]
    public void A_registry_round_trips_through_the_workbook()
    {
        var registry = SampleFiles.SampleRegistry();

        var result = Parser.Parse(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)));

        Assert.True(result.IsValid, string.Join("\n", result.Validation.Issues));
        Assert.Equal(registry.Licences, result.Registry!.Licences);
        Assert.Equal(registry.Quotas, result.Registry.Quotas);
        Assert.Equal(registry.Equipment, result.Registry.Equipment);
        Assert.Equal(registry.Exchanges, result.Registry.Exchanges);
    }

    [Fact]
    public void Every_problem_of_a_broken_registry_is_reported_with_its_cell()
    {
        var registry = SampleFiles.SampleRegistry();
        using var workbook = new XLWorkbook(new MemoryStream(RegistryWorkbookWriter.ToBytes(registry)));
        workbook.Worksheet("Licences").Cell(2, 2).SetValue("123456789012");        // bad check digit
        workbook.Worksheet("Licences").Cell(3, 5).SetValue("East");                // no such zone
        workbook.Worksheet("Quotas").Cell(2, 1).SetValue("KZ-DM-9999");            // not on the Licences sheet
        workbook.Worksheet("Quotas").Cell(3, 3).SetValue("lots");                  // text for a number
        workbook.Worksheet("Equipment").Cell(2, 5).SetValue(-3);                   // negative units
        workbook.Worksheet("Exchanges").Delete();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        stream.Position = 0;

        var result = Parser.Parse(stream);

        Assert.Null(result.Registry);
        var found = result.Validation.Issues.Where(i => i.Severity == Severity.Error).Select(i => (i.Code, i.Sheet, i.Cell)).ToArray();
        Assert.Equal(
            [
                (IssueCodes.InvalidBin, "Licences", "B2"),
                (IssueCodes.ConstraintError, "Licences", "E3"),
                (IssueCodes.ConstraintError, "Quotas", "A2"),
                (IssueCodes.TypeError, "Quotas", "C3"),
                (IssueCodes.ConstraintError, "Equipment", "E2"),
                (IssueCodes.MissingSheet, null, null),
            ],
            found);
    }
}
