using System.Globalization;

namespace Reporting.External;

internal static class ExternalArguments
{
    /// <summary>Throws unless <paramref name="month"/> is "yyyy-MM" with a month 01–12.</summary>
    public static void ThrowIfNotMonth(string month, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(month, parameterName);
        if (!IsMonth(month))
            throw new ArgumentException($"Month must be yyyy-MM (e.g. 2025-03), got \"{month}\"", parameterName);
    }

    public static bool IsMonth(string month) =>
        month.Length == 7 && month[4] == '-' && month[..4].All(char.IsAsciiDigit) && month[5..].All(char.IsAsciiDigit)
        && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static void ThrowIfNotLicence(string licence, string parameterName) =>
        ArgumentException.ThrowIfNullOrWhiteSpace(licence, parameterName);
}
