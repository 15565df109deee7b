using System.Globalization;
using Reporting.Domain.Registry;

namespace Reporting.Samples;

/// <summary>Makes valid BINs: registration year and month, the legal-entity type digit, a serial, the check digit.</summary>
public static class BinGenerator
{
    public static string Next(Random random)
    {
        while (true)
        {
            var year = random.Next(0, 24);
            var month = random.Next(1, 13);
            var serial = random.Next(0, 1_000_000);
            // Positions 5-6: 4 = resident legal entity, 0 = head office.
            var first11 = string.Create(CultureInfo.InvariantCulture, $"{year:D2}{month:D2}40{serial:D6}")[..11];
            var check = Bin.CheckDigit(first11);
            if (check is not null) return first11 + check.Value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
