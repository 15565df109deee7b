using System.Globalization;
using System.Text.Json;
using Reporting.Domain.Assessment;
using Reporting.Domain.Periods;
using Reporting.Domain.Registry;
using Reporting.Domain.Reports;

namespace Reporting.Domain.Tests;

/// <summary>A golden case file (see Golden/README.md): inputs of one licence-quarter and the expected result.</summary>
public sealed class GoldenCase
{
    private GoldenCase(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }
    public JsonElement Root { get; }
    public JsonElement Expected => Root.GetProperty("expected");

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden", "cases");

    public static IEnumerable<string> Names() => Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static GoldenCase Load(string name) =>
        new(name, JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name))).RootElement.Clone());

    public AssessmentInput Input()
    {
        var licence = Root.GetProperty("licence").GetString()!;
        var quarter = Quarter.Parse(Root.GetProperty("quarter").GetString()!);
        var registry = Root.GetProperty("registry");
        var reg = new Registry.Registry(
            registry.GetProperty("licences").EnumerateArray().Select(ReadLicence).ToArray(),
            registry.GetProperty("quotas").EnumerateArray().Select(q => new GridQuota(q.GetProperty("licence").GetString()!, Month.Parse(q.GetProperty("month").GetString()!), Dec(q.GetProperty("kwh")))).ToArray(),
            registry.GetProperty("equipment").EnumerateArray().Select(e => new Equipment(e.GetProperty("licence").GetString()!, e.GetProperty("model").GetString()!,
                e.GetProperty("serial").GetString()!, Dec(e.GetProperty("rated_power_w")), e.GetProperty("units").GetInt32())).ToArray(),
            registry.GetProperty("exchanges").EnumerateArray().Select(x => new AifcExchange(x.GetProperty("code").GetString()!, x.GetProperty("name").GetString()!)).ToArray());

        var consumption = new List<ConsumptionReport>();
        var sales = new List<SalesReport>();
        var index = 0;
        foreach (var report in Root.GetProperty("reports").EnumerateArray())
        {
            index++;
            var period = Month.Parse(report.GetProperty("period").GetString()!);
            var bin = report.GetProperty("bin").GetString()!;
            var source = $"{Name}#report{index}";
            if (report.GetProperty("kind").GetString() == "consumption")
            {
                var row = 1;
                var rows = report.GetProperty("rows").EnumerateArray().Select(r => new ConsumptionRow(
                    ++row,
                    r.GetProperty("site").GetString()!,
                    Text(r, "meter"),
                    EnumCodes.Parse<EnergySource>(r.GetProperty("source").GetString()),
                    Dec(r.GetProperty("kwh")),
                    r.TryGetProperty("cost_kzt", out var c) && c.ValueKind != JsonValueKind.Null ? Dec(c) : null)).ToArray();
                consumption.Add(new ConsumptionReport(new ReportHeader(ReportKind.Consumption, licence, bin, "Company", period, "1.0"), rows) { Source = source });
            }
            else
            {
                var row = 1;
                var mined = report.GetProperty("mined").EnumerateArray().Select(m => new MinedRow(++row, m.GetProperty("asset").GetString()!,
                    Dec(m.GetProperty("quantity")), Date(m.GetProperty("received")), m.GetProperty("pool").GetString()!, m.GetProperty("wallet").GetString()!)).ToArray();
                row = 1;
                var sold = report.GetProperty("sold").EnumerateArray().Select(x => new SoldRow(++row, x.GetProperty("asset").GetString()!,
                    Dec(x.GetProperty("quantity")), Date(x.GetProperty("trade_date")), x.GetProperty("exchange").GetString()!, x.GetProperty("trade_id").GetString()!, null, null)).ToArray();
                sales.Add(new SalesReport(new ReportHeader(ReportKind.Sales, licence, bin, "Company", period, "1.0"), mined, sold) { Source = source });
            }
        }

        return new AssessmentInput(licence, quarter, consumption, sales, reg);
    }

    private static Licence ReadLicence(JsonElement l) => new(
        l.GetProperty("number").GetString()!,
        l.GetProperty("bin").GetString()!,
        l.GetProperty("company").GetString()!,
        Enum.Parse<LicenceSubtype>(l.GetProperty("subtype").GetString()!),
        Enum.Parse<Zone>(l.GetProperty("zone").GetString()!, ignoreCase: true),
        Date(l.GetProperty("valid_from")),
        Date(l.GetProperty("valid_to")),
        Enum.Parse<LicenceStatus>(l.GetProperty("status").GetString()!, ignoreCase: true),
        l.GetProperty("status_since").ValueKind == JsonValueKind.Null ? null : Date(l.GetProperty("status_since")));

    public static decimal Dec(JsonElement value) => decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal? NullableDec(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : Dec(value);

    public static DateOnly Date(JsonElement value) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : null;

    public override string ToString() => Name;
}
