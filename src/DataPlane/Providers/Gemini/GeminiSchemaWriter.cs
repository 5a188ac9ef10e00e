using System.Text.Json;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Writes a JSON Schema as the OpenAPI-subset schema Gemini accepts (function <c>parameters</c>, <c>responseSchema</c>).
/// Kept: type, properties, required, items, enum, description, nullable, anyOf, min/maxItems, minimum/maximum, and
/// format where Gemini knows it (strings: enum, date-time; integers: int32, int64; numbers: float, double). Rewritten:
/// local <c>$ref</c>s to <c>$defs</c>/<c>definitions</c> are inlined (a cyclic or unknown one is dropped),
/// <c>const</c> becomes a one-value enum, a type list or a null branch of anyOf/oneOf becomes <c>nullable</c>,
/// oneOf and a one-branch allOf become anyOf. Everything else ($schema, additionalProperties, $defs, strict, examples,
/// default, title, ...) is dropped because Gemini rejects unknown keywords.
/// </summary>
internal static class GeminiSchemaWriter
{
    private const int MaxDepth = 48;

    /// <summary>True when the schema declares no properties (Gemini rejects an object schema with empty properties).</summary>
    public static bool HasNoProperties(JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object
        || ((!schema.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.ValueEquals("object"))
            && (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
                || !properties.EnumerateObject().Any())
            && !schema.TryGetProperty("$ref", out _) && !schema.TryGetProperty("anyOf", out _));

    public static void Write(Utf8JsonWriter writer, JsonElement schema) => WriteNode(writer, schema, schema, 0, []);

    private static void WriteNode(Utf8JsonWriter w, JsonElement node, JsonElement root, int depth, List<string> expanding)
    {
        if (node.ValueKind != JsonValueKind.Object || depth > MaxDepth)
        {
            w.WriteStartObject();
            w.WriteEndObject();
            return;
        }

        if (GeminiWire.Str(node, "$ref") is { } reference && !expanding.Contains(reference) && Resolve(root, reference) is { } target)
        {
            expanding.Add(reference);
            WriteNode(w, target, root, depth + 1, expanding);
            expanding.RemoveAt(expanding.Count - 1);
            return;
        }

        w.WriteStartObject();
        var type = GeminiWire.Str(node, "type");
        var nullable = false;
        var wroteType = false;
        var hasEnum = node.TryGetProperty("enum", out _);
        var hasAnyOf = node.TryGetProperty("anyOf", out _);
        var hasOneOf = node.TryGetProperty("oneOf", out _);
        foreach (var property in node.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type" when value.ValueKind == JsonValueKind.String && !value.ValueEquals("null"):
                    property.WriteTo(w);
                    wroteType = true;
                    break;
                case "type" when value.ValueKind == JsonValueKind.Array:
                    type = WriteTypeList(w, value, hasAnyOf, ref nullable);
                    wroteType = type is not null;
                    break;
                case "type" when value.ValueKind == JsonValueKind.String:
                    nullable = true;
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    w.WriteStartObject("properties");
                    foreach (var child in value.EnumerateObject())
                    {
                        w.WritePropertyName(child.Name);
                        WriteNode(w, child.Value, root, depth + 1, expanding);
                    }

                    w.WriteEndObject();
                    break;
                case "items" when value.ValueKind == JsonValueKind.Object:
                    w.WritePropertyName("items");
                    WriteNode(w, value, root, depth + 1, expanding);
                    break;
                case "anyOf" or "oneOf" when value.ValueKind == JsonValueKind.Array && !(property.Name == "oneOf" && hasAnyOf):
                case "allOf" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1 && !hasAnyOf && !hasOneOf:
                    WriteBranches(w, value, root, depth, expanding, ref nullable);
                    break;
                case "enum" when value.ValueKind == JsonValueKind.Array:
                    WriteEnum(w, value.EnumerateArray());
                    break;
                case "const" when !hasEnum:
                    WriteEnum(w, [value]);
                    break;
                case "required" when value.ValueKind == JsonValueKind.Array:
                case "description" or "nullable" or "minItems" or "maxItems" or "minimum" or "maximum":
                    property.WriteTo(w);
                    break;
                case "format" when value.ValueKind == JsonValueKind.String && IsKnownFormat(type, value.GetString()):
                    property.WriteTo(w);
                    break;
            }
        }

        if (!wroteType && node.TryGetProperty("properties", out _))
        {
            w.WriteString("type", "object");
        }

        if (nullable && !node.TryGetProperty("nullable", out _))
        {
            w.WriteBoolean("nullable", true);
        }

        w.WriteEndObject();
    }

    /// <summary>["string","null"] → type string + nullable; several non-null types → anyOf (unless anyOf exists).</summary>
    private static string? WriteTypeList(Utf8JsonWriter w, JsonElement types, bool hasAnyOf, ref bool nullable)
    {
        var names = new List<string>();
        foreach (var item in types.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (item.ValueEquals("null"))
            {
                nullable = true;
            }
            else
            {
                names.Add(item.GetString()!);
            }
        }

        if (names.Count == 0)
        {
            return null;
        }

        if (names.Count == 1 || hasAnyOf)
        {
            w.WriteString("type", names[0]);
            return names[0];
        }

        w.WriteStartArray("anyOf");
        foreach (var name in names)
        {
            w.WriteStartObject();
            w.WriteString("type", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        return null;
    }

    private static void WriteBranches(Utf8JsonWriter w, JsonElement branches, JsonElement root, int depth, List<string> expanding, ref bool nullable)
    {
        var open = false;
        foreach (var branch in branches.EnumerateArray())
        {
            if (branch.ValueKind == JsonValueKind.Object && branch.TryGetProperty("type", out var t) && t.ValueEquals("null"))
            {
                nullable = true;
                continue;
            }

            if (!open)
            {
                w.WriteStartArray("anyOf");
                open = true;
            }

            WriteNode(w, branch, root, depth + 1, expanding);
        }

        if (open)
        {
            w.WriteEndArray();
        }
    }

    /// <summary>Gemini enums are strings: other values are written as their JSON text.</summary>
    private static void WriteEnum(Utf8JsonWriter w, IEnumerable<JsonElement> values)
    {
        w.WriteStartArray("enum");
        foreach (var value in values)
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                value.WriteTo(w);
            }
            else if (value.ValueKind != JsonValueKind.Null)
            {
                w.WriteStringValue(value.GetRawText());
            }
        }

        w.WriteEndArray();
    }

    private static bool IsKnownFormat(string? type, string? format) => type switch
    {
        "string" => format is "enum" or "date-time",
        "integer" => format is "int32" or "int64",
        "number" => format is "float" or "double",
        _ => false,
    };

    /// <summary>Resolves <c>#/$defs/Name</c> or <c>#/definitions/Name</c> against the root schema.</summary>
    private static JsonElement? Resolve(JsonElement root, string reference)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["#/$defs/", "#/definitions/"])
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal)
                && root.TryGetProperty(prefix[2..^1], out var definitions) && definitions.ValueKind == JsonValueKind.Object
                && definitions.TryGetProperty(reference[prefix.Length..], out var target))
            {
                return target;
            }
        }

        return reference == "#" ? root : null;
    }
}
