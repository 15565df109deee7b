using Reporting.Domain.Registry;

namespace Reporting.Samples;

/// <summary>
/// Portal users for generated registries: an accountant per licence (a miner who reports for it), a committee analyst
/// and an operator, so the development sign-in of `reporting serve` and `reporting demo --serve` has someone to be.
/// </summary>
public static class SampleUsers
{
    public const string Committee = "analyst@kgd.example.kz";
    public const string Operator = "operator@digital-mining.example.kz";

    /// <summary>The miner who reports for a licence.</summary>
    public static string MinerOf(string licence) => $"accountant.{licence.ToLowerInvariant()}@miner.example.kz";

    public static IReadOnlyList<RegistryUser> For(IEnumerable<Licence> licences) =>
    [
        .. licences.Select(l => new RegistryUser(MinerOf(l.Number), UserRole.Miner, [l.Number])),
        new RegistryUser(Committee, UserRole.Committee, []),
        new RegistryUser(Operator, UserRole.Operator, []),
    ];
}
