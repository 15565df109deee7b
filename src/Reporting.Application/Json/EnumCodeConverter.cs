using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Domain;

namespace Reporting.Application.Json;

/// <summary>Enums in JSON as their codes (EnumCodes), the same mapping storage and files use: one mapping per enum.</summary>
public sealed class EnumCodeConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => EnumCodes.Parse<T>(reader.GetString());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code());

        // As dictionary keys too (kWh by energy source), with the same codes.
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => EnumCodes.Parse<T>(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.Code());
    }
}
