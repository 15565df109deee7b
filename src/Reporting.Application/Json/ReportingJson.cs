using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.Application.Json;

/// <summary>The JSON conventions of every machine-readable output: camelCase, enums as their codes (EnumCodes), no nulls dropped.</summary>
public static class ReportingJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new EnumCodeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
