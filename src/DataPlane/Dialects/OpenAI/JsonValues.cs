using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Typed reads of the value the <see cref="Utf8JsonReader"/> is on, throwing <see cref="OpenAIRequestException"/> with
/// OpenAI's wording when the type or range is wrong. Object and array readers leave the reader on the closing token.
/// </summary>
internal static class JsonValues
{
    public delegate T ValueReader<T>(ref Utf8JsonReader reader);

    /// <summary>Reads a property's value, naming the property in any error.</summary>
    public static T Field<T>(ref Utf8JsonReader reader, string name, ValueReader<T> read)
    {
        try
        {
            return read(ref reader);
        }
        catch (OpenAIRequestException ex)
        {
            throw ex.Prefix(name);
        }
    }

    public static string String(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw TypeError(ref reader, "a string");

    /// <summary>A string, or null for a JSON null.</summary>
    public static string? OptionalString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : String(ref reader);

    public static bool? OptionalBool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw TypeError(ref reader, "a boolean"),
    };

    public static double? OptionalDouble(ref Utf8JsonReader reader, double min, double max)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw TypeError(ref reader, "a decimal");
        }

        var value = reader.GetDouble();
        return value < min ? throw Range(ref reader, "decimal below minimum value", ">=", min)
            : value > max ? throw Range(ref reader, "decimal above maximum value", "<=", max)
            : value;
    }

    public static long? OptionalLong(ref Utf8JsonReader reader, long min, long max)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d) && Math.Floor(d) == d)
            {
                throw Range(ref reader, d < 0 ? "integer below minimum value" : "integer above maximum value", d < 0 ? ">=" : "<=", d < 0 ? min : max);
            }

            throw TypeError(ref reader, "an integer");
        }

        return value < min ? throw Range(ref reader, "integer below minimum value", ">=", min)
            : value > max ? throw Range(ref reader, "integer above maximum value", "<=", max)
            : value;
    }

    public static int? OptionalInt(ref Utf8JsonReader reader, int min, int max = int.MaxValue) =>
        (int?)OptionalLong(ref reader, min, max);

    public static void ExpectObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw TypeError(ref reader, "an object");
        }
    }

    public static void ExpectArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw TypeError(ref reader, "an array");
        }
    }

    /// <summary>Moves to the next property of the current object; false at its end. Leaves the reader on the name.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>Moves from a property name to its value.</summary>
    public static void Value(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of JSON.");
        }
    }

    /// <summary>The current token's text for messages (strings are shown unquoted).</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String
        ? reader.GetString()!
        : Encoding.UTF8.GetString(reader.ValueSpan);

    public static OpenAIRequestException TypeError(ref Utf8JsonReader reader, string expected)
    {
        var actual = reader.TokenType switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => reader.TryGetInt64(out _) ? "an integer" : "a decimal",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => "an unexpected token",
        };
        return new OpenAIRequestException($"Invalid type for '{{param}}': expected {expected}, but got {actual} instead.", OpenAIRequestException.InvalidType);
    }

    private static OpenAIRequestException Range(ref Utf8JsonReader reader, string what, string op, double limit) =>
        OpenAIRequestException.Invalid(
            $"{what}. Expected a value {op} {limit.ToString(CultureInfo.InvariantCulture)}, but got {Describe(ref reader)} instead.");
}
