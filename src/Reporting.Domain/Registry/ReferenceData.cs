using Reporting.Domain.Periods;

namespace Reporting.Domain.Registry;

/// <summary>Grid electricity a licence bought in centralised trading for a month (its quota).</summary>
public sealed record GridQuota(string Licence, Month Month, decimal Kwh);

/// <summary>Registered mining equipment of a licence.</summary>
public sealed record Equipment(string Licence, string Model, string Serial, decimal RatedPowerW, int Units)
{
    /// <summary>The most a set of units can consume in the month running flat out, in kWh.</summary>
    public decimal MaxKwhIn(Month month) => RatedPowerW * Units * month.Hours / 1000m;
}

/// <summary>A digital-asset exchange licensed in the AIFC; sales elsewhere do not count towards the mandatory share.</summary>
public sealed record AifcExchange(string Code, string Name)
{
    public bool Matches(string exchange)
    {
        var text = exchange.Trim();
        return string.Equals(text, Code, StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, Name, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Who may use the portal, and for what (the registry's Users sheet).</summary>
public enum UserRole
{
    /// <summary>Files reports for its licences and reads their feedback and assessments; nothing else.</summary>
    Miner,

    /// <summary>The State Revenue Committee: reads every licence's figures and the consolidated reports; changes nothing.</summary>
    Committee,

    /// <summary>Runs the service: everything the committee reads, and the state of the pipeline.</summary>
    Operator,
}

/// <summary>
/// A person allowed into the portal: the identity the sign-in gives (an e-mail or user principal name, compared
/// without regard to case), a role, and for a miner the licences they report for.
/// </summary>
public sealed record RegistryUser(string User, UserRole Role, IReadOnlyList<string> Licences)
{
    public bool Reports(string licence) => Role == UserRole.Miner && Licences.Any(l => string.Equals(l, licence, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The state's reference data the assessment checks reports against, and the portal's users.</summary>
public sealed record Registry(
    IReadOnlyList<Licence> Licences,
    IReadOnlyList<GridQuota> Quotas,
    IReadOnlyList<Equipment> Equipment,
    IReadOnlyList<AifcExchange> Exchanges)
{
    public static Registry Empty { get; } = new([], [], [], []);

    /// <summary>The portal's users; not part of the registry's version (they change no assessment).</summary>
    public IReadOnlyList<RegistryUser> Users { get; init; } = [];

    public Licence? FindLicence(string number) =>
        Licences.FirstOrDefault(l => string.Equals(l.Number, number, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<GridQuota> QuotasOf(string licence) =>
        Quotas.Where(q => string.Equals(q.Licence, licence, StringComparison.OrdinalIgnoreCase)).ToArray();

    public IReadOnlyList<Equipment> EquipmentOf(string licence) =>
        Equipment.Where(e => string.Equals(e.Licence, licence, StringComparison.OrdinalIgnoreCase)).ToArray();
}
