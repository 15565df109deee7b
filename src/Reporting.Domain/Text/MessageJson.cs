using System.Text.Json;

namespace Reporting.Domain.Text;

/// <summary>
/// A message as compact, language-free JSON for storage and fingerprints:
/// <c>{"c":"quota-exceeded","v":null,"a":[["grid_kwh","kwh","1200.5"], ...]}</c> (lists nest their items).
/// </summary>
public static class MessageJson
{
    public static string Serialize(Message message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("c", message.Code);
            if (message.Variant is not null) writer.WriteString("v", message.Variant);
            writer.WriteStartArray("a");
            foreach (var (name, value) in message.Arguments)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(name);
                WriteValue(writer, value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Message Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var arguments = new List<KeyValuePair<string, MessageValue>>();
        foreach (var item in root.GetProperty("a").EnumerateArray())
            arguments.Add(KeyValuePair.Create(item[0].GetString()!, ReadValue(item[1])));
        return Message.Restore(root.GetProperty("c").GetString()!, root.TryGetProperty("v", out var variant) ? variant.GetString() : null, arguments);
    }

    private static void WriteValue(Utf8JsonWriter writer, MessageValue value)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Kind.Code());
        if (value.Kind == ValueKind.List)
        {
            foreach (var item in value.Items ?? []) WriteValue(writer, item);
        }
        else
        {
            writer.WriteStringValue(value.Invariant);
        }

        writer.WriteEndArray();
    }

    private static MessageValue ReadValue(JsonElement element)
    {
        var kind = EnumCodes.Parse<ValueKind>(element[0].GetString());
        if (kind == ValueKind.List) return MessageValue.List(element.EnumerateArray().Skip(1).Select(ReadValue).ToArray());
        return new MessageValue(kind, element[1].GetString() ?? "");
    }
}
