using Reporting.Domain.Registry;
using Reporting.Domain.Reports;
using Reporting.Samples;
using Reporting.Web.Identity;

namespace Reporting.Functions.Tests;

/// <summary>
/// The portal's users in the worker's registry, and the principal header App Service Authentication would send for them.
/// The portal tests use a licence other than ProcessUploadTests' (KZ-DM-0016), so the two never see each other's uploads.
/// </summary>
public static class PortalUsers
{
    public const string Miner = "d.ospanov@steppe-hash.kz";
    public const string Committee = "analyst@kgd.gov.kz";
    public const string Stranger = "someone@example.com";

    private static readonly Lazy<(SampleDataset Dataset, MinerProfile Profile, string Other)> Chosen = new(() =>
    {
        var (dataset, sample) = SampleFiles.SampleMiner();
        var profile = dataset.Profiles.First(p => p.Licence.Number != sample.Licence.Number && p.Licence.IsActiveIn(SampleFiles.SampleMonth));
        return (dataset, profile, sample.Licence.Number);
    });

    /// <summary>The licence the miner files for.</summary>
    public static string Licence => Chosen.Value.Profile.Licence.Number;

    /// <summary>A licence of the registry that is not the miner's.</summary>
    public static string OtherLicence => Chosen.Value.Other;

    /// <summary>The miner's valid consumption report for the sample month.</summary>
    public static ConsumptionReport Consumption() => Chosen.Value.Dataset.Consumption(Chosen.Value.Profile, SampleFiles.SampleMonth);

    public static Domain.Registry.Registry Registry() => SampleFiles.SampleRegistry() with
    {
        Users = [new RegistryUser(Miner, UserRole.Miner, [Licence]), new RegistryUser(Committee, UserRole.Committee, [])],
    };

    /// <summary>X-MS-CLIENT-PRINCIPAL as Entra ID sign-in through App Service Authentication gives it.</summary>
    public static string Principal(string user) =>
        ClientPrincipal.Encode("aad", [("name", "Portal user"), ("preferred_username", user)], "name", "roles");
}
