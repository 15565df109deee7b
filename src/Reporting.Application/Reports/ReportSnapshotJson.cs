using System.Text.Json;
using System.Text.Json.Serialization;
using Reporting.Application.Json;
using Reporting.Domain.Consolidation;
using Reporting.Domain.Periods;
using Reporting.Domain.Text;

namespace Reporting.Application.Reports;

/// <summary>
/// A published report's content as JSON, stored beside its workbook and CSV: the portal's committee pages read the
/// report back from it (the very report the files were written from) instead of building one, which a page must never do.
/// Enums as their codes, periods as "2025-Q1"/"2025-03", messages as their language-free MessageJson.
/// </summary>
public static class ReportSnapshotJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static byte[] Serialize(QuarterlyReport report) => JsonSerializer.SerializeToUtf8Bytes(report, Options);

    public static QuarterlyReport Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<QuarterlyReport>(json, Options) ?? throw new JsonException("The report snapshot is empty.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            NumberHandling = JsonNumberHandling.Strict,
            // Computed properties (a violation's Code, a late report's DaysLate) are written for readers and skipped on reading.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new EnumCodeConverter());
        options.Converters.Add(new QuarterConverter());
        options.Converters.Add(new MonthConverter());
        options.Converters.Add(new MessageConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class QuarterConverter : JsonConverter<Quarter>
    {
        public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Quarter.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class MonthConverter : JsonConverter<Month>
    {
        public override Month Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Month.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, Month value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class MessageConverter : JsonConverter<Message>
    {
        public override Message Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return MessageJson.Deserialize(document.RootElement.GetRawText());
        }

        public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options) => writer.WriteRawValue(MessageJson.Serialize(value), skipInputValidation: true);
    }
}
