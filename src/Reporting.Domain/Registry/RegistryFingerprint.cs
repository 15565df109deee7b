using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reporting.Domain.Registry;

/// <summary>
/// A version of the registry's content ("registry-" + 12 hex digits of SHA-256 over a canonical form),
/// recorded on assessments so that a changed registry is known to call for re-assessment.
/// </summary>
public static class RegistryFingerprint
{
    public static string Of(Registry registry)
    {
        var text = new StringBuilder();
        foreach (var l in registry.Licences.OrderBy(l => l.Number, StringComparer.OrdinalIgnoreCase))
            text.Append(CultureInfo.InvariantCulture, $"L|{l.Number.ToUpperInvariant()}|{l.Bin}|{l.Company}|{l.Subtype}|{l.Zone}|{l.ValidFrom:yyyy-MM-dd}|{l.ValidTo:yyyy-MM-dd}|{l.Status}|{l.StatusSince:yyyy-MM-dd}\n");
        foreach (var q in registry.Quotas.OrderBy(q => q.Licence, StringComparer.OrdinalIgnoreCase).ThenBy(q => q.Month))
            text.Append(CultureInfo.InvariantCulture, $"Q|{q.Licence.ToUpperInvariant()}|{q.Month}|{q.Kwh.ToString(CultureInfo.InvariantCulture)}\n");
        foreach (var e in registry.Equipment.OrderBy(e => e.Licence, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Serial, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"E|{e.Licence.ToUpperInvariant()}|{e.Serial}|{e.Model}|{e.RatedPowerW.ToString(CultureInfo.InvariantCulture)}|{e.Units}\n");
        foreach (var x in registry.Exchanges.OrderBy(x => x.Code, StringComparer.OrdinalIgnoreCase))
            text.Append(CultureInfo.InvariantCulture, $"X|{x.Code.ToUpperInvariant()}|{x.Name}\n");
        return "registry-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
