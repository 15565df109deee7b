using Reporting.Domain.Registry;
using Reporting.Web.Identity;

namespace Reporting.Web.Tests.Security;

/// <summary>Who may read and file for which licence: decided from the registry alone, never from the request.</summary>
public sealed class LicenceAccessTests
{
    private static readonly Licence[] Registry =
    [
        new("KZ-DM-0001", "000000000001", "Alpha", LicenceSubtype.I, Zone.North, new DateOnly(2023, 1, 1), new DateOnly(2026, 1, 1), LicenceStatus.Active),
        new("KZ-DM-0002", "000000000002", "Beta", LicenceSubtype.II, Zone.South, new DateOnly(2023, 1, 1), new DateOnly(2026, 1, 1), LicenceStatus.Active),
        new("KZ-DM-0003", "000000000003", "Gamma", LicenceSubtype.II, Zone.West, new DateOnly(2023, 1, 1), new DateOnly(2026, 1, 1), LicenceStatus.Revoked),
    ];

    private static readonly RegistryUser Miner = new("miner@alpha.kz", UserRole.Miner, ["KZ-DM-0001", "KZ-DM-0003"]);
    private static readonly RegistryUser Committee = new("analyst@kgd.gov.kz", UserRole.Committee, []);
    private static readonly RegistryUser Operator = new("ops@kgd.gov.kz", UserRole.Operator, []);

    [Theory]
    [InlineData("KZ-DM-0001", LicenceAction.Read, AccessDecision.Allowed, "KZ-DM-0001")]
    [InlineData("kz-dm-0001", LicenceAction.File, AccessDecision.Allowed, "KZ-DM-0001")] // the registry's spelling is used
    [InlineData(" KZ-DM-0003 ", LicenceAction.File, AccessDecision.Allowed, "KZ-DM-0003")]
    [InlineData("KZ-DM-0002", LicenceAction.Read, AccessDecision.NotFound, null)] // exists, not theirs: 404, not 403
    [InlineData("KZ-DM-0002", LicenceAction.File, AccessDecision.NotFound, null)]
    [InlineData("KZ-DM-9999", LicenceAction.Read, AccessDecision.NotFound, null)] // does not exist: the same answer
    [InlineData("../KZ-DM-0001", LicenceAction.File, AccessDecision.NotFound, null)]
    public void A_miner_reads_and_files_for_their_own_licences_only(string requested, LicenceAction action, AccessDecision decision, string? licence)
    {
        var (actual, found) = LicenceAccess.Decide(Miner, requested, Registry, action);

        Assert.Equal(decision, actual);
        Assert.Equal(licence, found?.Number);
    }

    [Fact]
    public void A_miner_listed_for_a_licence_the_registry_no_longer_has_sees_nothing_of_it()
    {
        var stale = new RegistryUser("old@alpha.kz", UserRole.Miner, ["KZ-DM-0042"]);

        Assert.Equal(AccessDecision.NotFound, LicenceAccess.Decide(stale, "KZ-DM-0042", Registry, LicenceAction.Read).Decision);
        Assert.Empty(LicenceAccess.Visible(stale, Registry));
    }

    [Theory]
    [InlineData(UserRole.Committee)]
    [InlineData(UserRole.Operator)]
    public void The_committee_and_operators_read_every_licence_and_file_for_none(UserRole role)
    {
        var user = role == UserRole.Committee ? Committee : Operator;

        Assert.All(Registry, l => Assert.Equal(AccessDecision.Allowed, LicenceAccess.Decide(user, l.Number, Registry, LicenceAction.Read).Decision));
        Assert.All(Registry, l => Assert.Equal(AccessDecision.ReadOnly, LicenceAccess.Decide(user, l.Number, Registry, LicenceAction.File).Decision));
        Assert.Equal(AccessDecision.NotFound, LicenceAccess.Decide(user, "KZ-DM-9999", Registry, LicenceAction.Read).Decision);
        Assert.Equal(["KZ-DM-0001", "KZ-DM-0002", "KZ-DM-0003"], LicenceAccess.Visible(user, Registry).Select(l => l.Number));
    }

    [Fact]
    public void A_miner_sees_their_licences_in_the_registry() =>
        Assert.Equal(["KZ-DM-0001", "KZ-DM-0003"], LicenceAccess.Visible(Miner, Registry).Select(l => l.Number));

    [Fact]
    public void Only_the_committee_and_operators_read_the_consolidated_reports_a_miner_of_every_licence_does_not()
    {
        var everyLicenceMiner = new RegistryUser("all@alpha.kz", UserRole.Miner, ["KZ-DM-0001", "KZ-DM-0002", "KZ-DM-0003"]);

        Assert.True(LicenceAccess.ReadsEveryLicence(Committee));
        Assert.True(LicenceAccess.ReadsEveryLicence(Operator));
        Assert.False(LicenceAccess.ReadsEveryLicence(Miner));
        Assert.False(LicenceAccess.ReadsEveryLicence(everyLicenceMiner));
    }
}
