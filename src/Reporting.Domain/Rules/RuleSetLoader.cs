using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Rules;

/// <summary>
/// Reads a rules file strictly: every known parameter present, entries in date order starting no later
/// than the file's coverage date (no gaps), a status and a source on every entry, values of the right
/// shape. Any problem names the parameter and the entry.
/// </summary>
public static class RuleSetLoader
{
    private const string Schema = "reporting-rules/1";

    public static RuleSet Parse(string json, string origin)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RulesException($"Rules file {origin} is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var schema = root.TryGetProperty("schema", out var s) ? s.GetString() : null;
            if (schema != Schema) throw new RulesException($"Rules file {origin}: 'schema' must be \"{Schema}\", not {Describe(s)}.");
            var coverage = Date(root, "coverage_from", $"Rules file {origin}");
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
                throw new RulesException($"Rules file {origin} has no 'parameters' object.");

            var reader = new ParameterReader(parameters, coverage, origin);
            var rules = new RuleSet(VersionOf(json), origin, coverage, title)
            {
                FeeRates = reader.Read("fee.rates", ReadRates, nullable: false),
                FeePriceBands = reader.Read("fee.price_bands", ReadBands, nullable: true),
                FeeRateMax = reader.Read("fee.rate_max", v => (decimal?)NonNegative(v), nullable: true),
                FeeRateUnmetered = reader.Read("fee.rate_unmetered", v => (decimal?)NonNegative(v), nullable: true),
                FeeMultipleGrounds = reader.Read("fee.multiple_grounds", v => v.GetString() == "highest" ? "highest" : throw Invalid("must be \"highest\""), nullable: false),
                FeeAveragePriceSources = reader.Read("fee.average_price_sources", ReadSources, nullable: false),
                FeeRounding = reader.Read("fee.rounding", ReadRounding, nullable: false),
                FeeDeclarationDue = reader.Read("fee.declaration_due", ReadDueDate, nullable: true),
                FeePaymentDue = reader.Read("fee.payment_due", ReadDueDate, nullable: false),
                QuotaApplies = reader.Read("quota.applies", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Invalid("must be true or false"), nullable: false),
                QuotaCountedSources = reader.Read("quota.counted_sources", ReadSources, nullable: false),
                SaleShareMin = reader.Read("sale.share_min", v => (decimal?)Share(v), nullable: true),
                PlausibilityMaxLoadFactor = reader.Read("plausibility.max_load_factor", v => (decimal?)Positive(v), nullable: true),
                MciKzt = reader.Read("mci_kzt", v => (decimal?)Positive(v), nullable: true),
                UnderstatementFineShare = reader.Read("liability.understatement_fine_share", ReadShares, nullable: true),
            };
            reader.RejectUnknown();
            return rules;
        }
    }

    /// <summary>"rules-" and 12 hex digits of SHA-256 over the text with line endings normalised to LF.</summary>
    public static string VersionOf(string json)
    {
        var normalized = json.Replace("\r\n", "\n", StringComparison.Ordinal);
        return "rules-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..12];
    }

    private sealed class ParameterReader(JsonElement parameters, DateOnly coverage, string origin)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public RuleParameter<T> Read<T>(string name, Func<JsonElement, T> parseValue, bool nullable)
        {
            _known.Add(name);
            if (!parameters.TryGetProperty(name, out var parameter))
                throw new RulesException($"Rules file {origin}: parameter '{name}' is missing.");
            if (!parameter.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                throw new RulesException($"Rules file {origin}: parameter '{name}' needs a non-empty 'values' list.");

            var entries = new List<RuleEntry<T>>();
            var index = 0;
            foreach (var value in values.EnumerateArray())
            {
                index++;
                var where = $"Rules file {origin}: parameter '{name}', entry {index}";
                var from = Date(value, "effective_from", where);
                where += string.Create(CultureInfo.InvariantCulture, $" (effective_from {from:yyyy-MM-dd})");
                if (entries.Count > 0 && from <= entries[^1].EffectiveFrom)
                    throw new RulesException($"{where}: entries must be in increasing date order; it is not after {entries[^1].EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
                if (entries.Count == 0 && from > coverage)
                {
                    throw new RulesException(string.Create(CultureInfo.InvariantCulture,
                        $"{where}: the rules cover periods from {coverage:yyyy-MM-dd}, but this parameter has no value before {from:yyyy-MM-dd} (a gap). Add an entry from {coverage:yyyy-MM-dd}, with null if the rule was not in force."));
                }

                var status = ReadStatus(value, where);
                if (!value.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(source.GetString()))
                    throw new RulesException($"{where}: every value needs a 'source' (the legal reference or the assumption).");
                if (!value.TryGetProperty("value", out var raw))
                    throw new RulesException($"{where}: 'value' is missing (write null if the rule is not in force).");

                T? parsed;
                if (raw.ValueKind == JsonValueKind.Null)
                {
                    if (!nullable) throw new RulesException($"{where}: 'value' cannot be null for this parameter.");
                    parsed = default;
                }
                else
                {
                    try
                    {
                        parsed = parseValue(raw);
                    }
                    catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException)
                    {
                        throw new RulesException($"{where}: 'value' {e.Message}");
                    }
                }

                entries.Add(new RuleEntry<T>(name, from, parsed, status, source.GetString()!));
            }

            return new RuleParameter<T>(name, entries);
        }

        public void RejectUnknown()
        {
            foreach (var property in parameters.EnumerateObject())
            {
                if (!_known.Contains(property.Name))
                    throw new RulesException($"Rules file {origin}: unknown parameter '{property.Name}' (a typo? known: {string.Join(", ", _known.Order(StringComparer.Ordinal))}).");
            }
        }
    }

    private static RuleStatus ReadStatus(JsonElement value, string where)
    {
        var text = value.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null;
        return text switch
        {
            "confirmed" => RuleStatus.Confirmed,
            "likely" => RuleStatus.Likely,
            "unverified" => RuleStatus.Unverified,
            _ => throw new RulesException($"{where}: 'status' must be confirmed, likely or unverified, not {Describe(status)}."),
        };
    }

    private static DateOnly Date(JsonElement element, string property, string where)
    {
        if (element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String &&
            DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var found = element.TryGetProperty(property, out var given) ? $", not {given.GetRawText()}" : " (it is missing)";
        throw new RulesException($"{where}: '{property}' must be a date written YYYY-MM-DD{found}.");
    }

    private static IReadOnlyDictionary<EnergySource, SourceRate> ReadRates(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Invalid("must map every source to a rate or \"band\"");
        var rates = new Dictionary<EnergySource, SourceRate>();
        foreach (var property in value.EnumerateObject())
        {
            if (!EnumCodes.TryParse<EnergySource>(property.Name, out var source) || property.Name != source.Code())
                throw Invalid($"names an unknown source '{property.Name}' (sources: {string.Join(", ", EnergySources.Codes)})");
            rates[source] = property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() == "band"
                ? SourceRate.Band
                : SourceRate.Of(NonNegative(property.Value));
        }

        var missing = EnergySources.All.Where(s => !rates.ContainsKey(s)).Select(s => s.Code()).ToArray();
        if (missing.Length > 0) throw Invalid($"has no rate for {string.Join(", ", missing)}");
        return rates;
    }

    private static IReadOnlyList<PriceBand> ReadBands(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0) throw Invalid("must be a list of {from_price, rate}");
        var bands = new List<PriceBand>();
        foreach (var band in value.EnumerateArray())
        {
            if (!band.TryGetProperty("from_price", out var from) || !band.TryGetProperty("rate", out var rate))
                throw Invalid("needs from_price and rate in every band");
            bands.Add(new PriceBand(NonNegative(from), rate.ValueKind == JsonValueKind.Null ? null : NonNegative(rate)));
        }

        if (bands.All(b => b.FromPrice != 0)) throw Invalid("must have a band from price 0, so every average price falls in a band");
        if (bands.Select(b => b.FromPrice).Distinct().Count() != bands.Count) throw Invalid("has two bands from the same price");
        return bands.OrderByDescending(b => b.FromPrice).ToArray();
    }

    private static IReadOnlyList<EnergySource> ReadSources(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array) throw Invalid("must be a list of sources");
        return value.EnumerateArray().Select(v => EnumCodes.TryParse<EnergySource>(v.GetString(), out var s) && v.GetString() == s.Code()
            ? s
            : throw Invalid($"names an unknown source {Describe(v)}")).ToArray();
    }

    private static RoundingRule ReadRounding(JsonElement value)
    {
        if (!value.TryGetProperty("decimals", out var decimals) || decimals.ValueKind != JsonValueKind.Number || decimals.GetInt32() is < 0 or > 8)
            throw Invalid("needs decimals from 0 to 8");
        var mode = value.TryGetProperty("mode", out var m) ? m.GetString() : null;
        return new RoundingRule(decimals.GetInt32(), mode switch
        {
            "half-away-from-zero" => MidpointRounding.AwayFromZero,
            "half-even" => MidpointRounding.ToEven,
            _ => throw Invalid("mode must be half-away-from-zero or half-even"),
        });
    }

    private static DueDateRule ReadDueDate(JsonElement value)
    {
        if (!value.TryGetProperty("months_after_quarter", out var months) || months.ValueKind != JsonValueKind.Number || months.GetInt32() is < 0 or > 12 ||
            !value.TryGetProperty("day", out var day) || day.ValueKind != JsonValueKind.Number || day.GetInt32() is < 1 or > 31)
        {
            throw Invalid("needs months_after_quarter (0-12) and day (1-31)");
        }

        return new DueDateRule(months.GetInt32(), day.GetInt32());
    }

    private static IReadOnlyDictionary<string, decimal> ReadShares(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Invalid("must map names to shares");
        return value.EnumerateObject().ToDictionary(p => p.Name, p => Share(p.Value), StringComparer.Ordinal);
    }

    private static decimal NonNegative(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0)
            throw Invalid($"must be a number of at least 0, not {Describe(value)}");
        return number;
    }

    private static decimal Positive(JsonElement value)
    {
        var number = NonNegative(value);
        return number > 0 ? number : throw Invalid("must be greater than 0");
    }

    private static decimal Share(JsonElement value)
    {
        var number = NonNegative(value);
        return number <= 1 ? number : throw Invalid($"must be a share between 0 and 1, not {number.ToString(CultureInfo.InvariantCulture)}");
    }

    private static FormatException Invalid(string message) => new(message);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.String => $"\"{value.GetString()}\"",
        _ => value.GetRawText(),
    };
}
