using System.Buffers;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.Anthropic;

/// <summary>
/// Reads a whole Messages body into a <see cref="ChatRequest"/>. Bad input never throws: the first problem becomes a
/// 400 naming the field path the way Anthropic does ("messages.1.content.0.type: ...").
/// </summary>
internal sealed partial class AnthropicRequestParser
{
    private readonly ChatRequest _request = new();
    private GatewayError? _error;

    public static ChatRequest? Parse(ReadOnlySpan<byte> body, bool requireMaxTokens, out GatewayError? error)
    {
        if (AnthropicRequestScanner.Scan(body, requireMaxTokens, out error) is null)
        {
            return null;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            body.CopyTo(rented);
            using var document = JsonDocument.Parse(rented.AsMemory(0, body.Length));
            var parser = new AnthropicRequestParser();
            var ok = parser.ReadRoot(document.RootElement);
            error = parser._error;
            return ok ? parser._request : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public bool HasError => _error is not null;

    /// <summary>Records the first problem and returns false.</summary>
    internal bool Fail(string path, string problem)
    {
        _error ??= AnthropicRequestScanner.Field(path, problem);
        return false;
    }

    private bool ReadRoot(JsonElement root)
    {
        var request = _request;
        request.Model = root.GetProperty("model").GetString()!;
        request.IncludeUsage = true;

        // A name given twice counts once, with its last value, as the scanner (and Anthropic's API) read it: reading
        // every occurrence would meet values the scanner never checked and append a second messages list.
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        foreach (var (name, value) in fields)
        {
            if (!ReadField(name, value))
            {
                return false;
            }
        }

        return true;
    }

    private bool ReadField(string name, JsonElement value)
    {
        var request = _request;
        switch (name)
        {
            case "max_tokens":
                if (!Integer(value, name, 1, out var max))
                {
                    return false;
                }

                request.MaxTokens = max;
                return true;
            case "stream":
                request.Stream = value.ValueKind == JsonValueKind.True;
                return true;
            case "system":
                return ReadSystem(value);
            case "messages":
                return new AnthropicMessageReader(this, request.Messages).Read(value);
            case "tools":
                return ReadTools(value);
            case "tool_choice":
                return ReadToolChoice(value);
            case "stop_sequences":
                return ReadStopSequences(value);
            case "temperature":
                request.Temperature = OptionalNumber(value, name);
                return _error is null;
            case "top_p":
                request.TopP = OptionalNumber(value, name);
                return _error is null;
            case "top_k":
                if (value.ValueKind == JsonValueKind.Null)
                {
                    return true;
                }

                if (!Integer(value, name, 0, out var topK))
                {
                    return false;
                }

                request.TopK = topK;
                return true;
            case "metadata":
                return ReadMetadata(value);
            case "thinking":
                return ReadThinking(value);
            default:
                return true;
        }
    }

    private bool ReadSystem(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.GetString() is { Length: > 0 } text)
            {
                _request.System.Add(text);
            }

            return true;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return value.ValueKind == JsonValueKind.Null || Fail("system", "Input should be a valid string or a list of text blocks");
        }

        var i = 0;
        foreach (var block in value.EnumerateArray())
        {
            if (!Text(block, $"system.{i}", out var text))
            {
                return false;
            }

            _request.System.Add(text);
            i++;
        }

        return true;
    }

    /// <summary>A <c>{"type":"text","text"}</c> block (cache_control and citations are ignored).</summary>
    internal bool Text(JsonElement block, string path, out string text)
    {
        text = "";
        if (block.ValueKind != JsonValueKind.Object)
        {
            return Fail(path, "Input should be a valid dictionary");
        }

        if (!block.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || !type.ValueEquals("text"u8))
        {
            return Fail(path + ".type", "Input should be 'text'");
        }

        return String(block, "text", path, out text);
    }

    /// <summary>A required string property.</summary>
    internal bool String(JsonElement obj, string name, string path, out string value)
    {
        value = "";
        if (!obj.TryGetProperty(name, out var element))
        {
            return Fail($"{path}.{name}", "Field required");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return Fail($"{path}.{name}", "Input should be a valid string");
        }

        value = element.GetString()!;
        return true;
    }
}
