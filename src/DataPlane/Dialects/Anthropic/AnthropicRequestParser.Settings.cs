using System.Text.Json;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>Reading generation settings: stop sequences, sampling numbers, metadata and thinking.</summary>
internal sealed partial class AnthropicRequestParser
{
    private bool ReadStopSequences(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Fail("stop_sequences", "Input should be a valid list");
        }

        var stop = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Fail($"stop_sequences.{stop.Count}", "Input should be a valid string");
            }

            stop.Add(item.GetString()!);
        }

        _request.Stop = stop;
        return true;
    }

    private bool ReadMetadata(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("user_id", out var user) && user.ValueKind == JsonValueKind.String)
        {
            _request.User = user.GetString();
        }

        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Null || Fail("metadata", "Input should be a valid dictionary");
    }

    private bool ReadThinking(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Object || !String(value, "type", "thinking", out var type))
        {
            return Fail("thinking", "Input should be a valid dictionary");
        }

        if (type == "disabled")
        {
            return true;
        }

        if (type != "enabled")
        {
            return Fail("thinking.type", "Input should be 'enabled' or 'disabled'");
        }

        if (!value.TryGetProperty("budget_tokens", out var budget))
        {
            return Fail("thinking.budget_tokens", "Field required");
        }

        if (!Integer(budget, "thinking.budget_tokens", 1, out var tokens))
        {
            return false;
        }

        _request.ThinkingBudget = tokens;
        return true;
    }

    private bool Integer(JsonElement value, string path, int min, out int result)
    {
        result = 0;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out result))
        {
            return Fail(path, "Input should be a valid integer");
        }

        return result >= min || Fail(path, $"Input should be greater than or equal to {min}");
    }

    /// <summary>A number in [0, 1], or null when absent/null; records the problem otherwise.</summary>
    private double? OptionalNumber(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var result))
        {
            Fail(path, "Input should be a valid number");
            return null;
        }

        if (result < 0 || result > 1)
        {
            Fail(path, result < 0 ? "Input should be greater than or equal to 0" : "Input should be less than or equal to 1");
            return null;
        }

        return result;
    }
}
