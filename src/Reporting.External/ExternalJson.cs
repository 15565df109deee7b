using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reporting.External;

/// <summary>The JSON settings of the external APIs, shared by the clients and the stand-in server.</summary>
public static class ExternalJson
{
    /// <summary>
    /// camelCase names, numbers only as JSON numbers (a quoted number is rejected), required constructor
    /// parameters and non-nullable references enforced, unknown properties ignored (forward compatible).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
