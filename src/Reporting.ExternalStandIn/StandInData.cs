using System.Text.Json;
using Reporting.External;

namespace Reporting.ExternalStandIn;

/// <summary>
/// The stand-in's data folder: <c>purchases/{yyyy-MM}.json</c>, <c>trades/{licence}/{yyyy-MM}.json</c> and
/// <c>distributions/{licence}/{yyyy-MM}.json</c>, each a JSON array of the API's items. A missing file is an
/// empty month. Files are read on every request, so they may be written while the server runs.
/// </summary>
public static class StandInData
{
    private static readonly JsonSerializerOptions FileJson = new(ExternalJson.Options) { WriteIndented = true };

    public static string WritePurchases(string folder, string month, IEnumerable<LicencePurchase> items) =>
        Write(PurchasesPath(folder, month), items);

    public static string WriteTrades(string folder, string licence, string month, IEnumerable<TradeConfirmation> items) =>
        Write(TradesPath(folder, licence, month), items);

    public static string WriteDistributions(string folder, string licence, string month, IEnumerable<PoolDistribution> items) =>
        Write(DistributionsPath(folder, licence, month), items);

    public static string PurchasesPath(string folder, string month) =>
        Path.Combine(folder, "purchases", CheckMonth(month) + ".json");

    public static string TradesPath(string folder, string licence, string month) =>
        Path.Combine(folder, "trades", CheckLicence(licence), CheckMonth(month) + ".json");

    public static string DistributionsPath(string folder, string licence, string month) =>
        Path.Combine(folder, "distributions", CheckLicence(licence), CheckMonth(month) + ".json");

    /// <summary>Reads a data file; a missing file is an empty list.</summary>
    /// <exception cref="InvalidDataException">The file is not a JSON array of the item type.</exception>
    public static IReadOnlyList<T> Read<T>(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            using var stream = File.OpenRead(path);
            var items = JsonSerializer.Deserialize<List<T>>(stream, ExternalJson.Options);
            if (items is null || items.Any(item => item is null))
                throw new InvalidDataException($"{path}: expected a JSON array of {typeof(T).Name} without nulls");
            return items;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>True for "yyyy-MM" with a month 01–12.</summary>
    public static bool IsMonth(string? month) =>
        month is { Length: 7 } && month[4] == '-' && month[..4].All(char.IsAsciiDigit) && month[5..].All(char.IsAsciiDigit)
        && int.Parse(month[5..], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;

    /// <summary>A licence usable as a folder name: 1–64 characters, no path separators or control characters, not "." or "..".</summary>
    public static bool IsLicence(string? licence) =>
        licence is { Length: > 0 and <= 64 } && licence.Trim().Length == licence.Length
        && licence is not "." and not ".."
        && !licence.Any(c => c is '/' or '\\' or ':' || char.IsControl(c))
        && licence.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    private static string CheckMonth(string month) =>
        IsMonth(month) ? month : throw new ArgumentException($"Month must be yyyy-MM, got \"{month}\"", nameof(month));

    private static string CheckLicence(string licence) =>
        IsLicence(licence) ? licence : throw new ArgumentException($"Licence \"{licence}\" cannot be a folder name", nameof(licence));

    private static string Write<T>(string path, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, items.ToList(), FileJson);
        }
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
