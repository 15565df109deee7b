using Reporting.Domain.Registry;

namespace Reporting.Web.Identity;

public enum LicenceAction
{
    /// <summary>See the licence's submissions, feedback and assessments.</summary>
    Read,

    /// <summary>Upload a report for the licence.</summary>
    File,
}

public enum AccessDecision
{
    Allowed,

    /// <summary>Not the user's licence, or no such licence: answered 404, so whether it exists does not leak.</summary>
    NotFound,

    /// <summary>The user may read the licence but not file for it (committee, operator): answered 403.</summary>
    ReadOnly,
}

/// <summary>
/// Who may do what with a licence, decided on the server for every request whatever the URL, query or form says: a miner
/// reads and files for the licences the registry lists for them only; the committee and operators read every licence and
/// file for none.
/// </summary>
public static class LicenceAccess
{
    public static (AccessDecision Decision, Licence? Licence) Decide(RegistryUser user, string requested, IReadOnlyList<Licence> registry, LicenceAction action)
    {
        var licence = registry.FirstOrDefault(l => string.Equals(l.Number, requested.Trim(), StringComparison.OrdinalIgnoreCase));
        if (licence is null) return (AccessDecision.NotFound, null);
        return user.Role switch
        {
            UserRole.Miner when user.Reports(licence.Number) => (AccessDecision.Allowed, licence),
            UserRole.Miner => (AccessDecision.NotFound, null),
            _ when action == LicenceAction.Read => (AccessDecision.Allowed, licence),
            _ => (AccessDecision.ReadOnly, licence),
        };
    }

    /// <summary>
    /// The committee and operators read every licence, and so the consolidated reports and the committee's pages; a miner
    /// does not (those pages answer 404 to a miner, as a licence that is not theirs does).
    /// </summary>
    public static bool ReadsEveryLicence(RegistryUser user) => user.Role != UserRole.Miner;

    /// <summary>The licences the user may open: a miner's own (those in the registry), everyone's for the other roles.</summary>
    public static IReadOnlyList<Licence> Visible(RegistryUser user, IReadOnlyList<Licence> registry) =>
        user.Role == UserRole.Miner ? registry.Where(l => user.Reports(l.Number)).ToArray() : registry;
}
