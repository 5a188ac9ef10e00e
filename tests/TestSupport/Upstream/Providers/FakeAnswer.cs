using System.Text.Json.Nodes;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// The deterministic answer every family gives (only the wire format differs):
/// <list type="bullet">
/// <item>the last turn carries a tool result → text <c>"The tool said: &lt;result text&gt;"</c>;</item>
/// <item>otherwise, tools are offered (and not disabled by the tool choice) and the last turn is a user turn → ONE call
/// to the first tool (or the tool the choice forces) with arguments built from the schema's required properties:
/// "Paris" for a string (the first enum value when it has an enum), 1 for a number/integer, true for a boolean,
/// [] for an array, {} for an object, e.g. <c>{"location":"Paris"}</c>;</item>
/// <item>otherwise → text <c>"Hello from &lt;family&gt;! You said: &lt;last user text&gt;"</c>.</item>
/// </list>
/// Usage: <see cref="InputTokens"/> (11) input tokens, no cached tokens, and output tokens = the number of stream
/// pieces: words of the text (<see cref="SplitWords"/>) or argument fragments (<see cref="SplitArguments"/>: 3 for any
/// arguments of 3+ characters, so 3 for <c>{"location":"Paris"}</c>). Streams send exactly these pieces; non-stream
/// answers report the same counts. Total = input + output.
/// </summary>
public sealed class FakeAnswer
{
    /// <summary>Input (prompt) tokens reported by every family for every chat request and token count.</summary>
    public const int InputTokens = 11;

    /// <summary>prompt_tokens (= total_tokens) of an OpenAI/Azure embeddings answer, whatever the input.</summary>
    public const int EmbeddingPromptTokens = 5;

    /// <summary>Vector length when the request names no dimensions.</summary>
    public const int DefaultEmbeddingDimensions = 8;

    private FakeAnswer(string? text, string? toolName, string toolArguments)
    {
        Text = text;
        ToolName = toolName;
        ToolArguments = toolArguments;
        TextDeltas = text is null ? [] : SplitWords(text);
        ArgumentFragments = toolName is null ? [] : SplitArguments(toolArguments);
    }

    /// <summary>The answer text; null for a tool call.</summary>
    public string? Text { get; }

    /// <summary>The called tool; null for a text answer.</summary>
    public string? ToolName { get; }

    /// <summary>The call's arguments as compact JSON text ("" for a text answer).</summary>
    public string ToolArguments { get; }

    public bool IsToolCall => ToolName is not null;

    public IReadOnlyList<string> TextDeltas { get; }

    public IReadOnlyList<string> ArgumentFragments { get; }

    public int OutputTokens => IsToolCall ? ArgumentFragments.Count : TextDeltas.Count;

    public int TotalTokens => InputTokens + OutputTokens;

    /// <summary>The text answer to a user turn without tools.</summary>
    public static string Greeting(string family, string userText) => $"Hello from {family}! You said: {userText}";

    /// <summary>The text answer to a tool result.</summary>
    public static string ToolReply(string resultText) => $"The tool said: {resultText}";

    /// <summary>"Hello from x" → ["Hello", " from", " x"]: split at spaces, each later piece keeps its leading space.</summary>
    public static IReadOnlyList<string> SplitWords(string text)
    {
        var words = text.Split(' ');
        return [words[0], .. words.Skip(1).Select(w => " " + w)];
    }

    /// <summary>Arguments JSON cut into 3 nearly equal fragments (fewer when shorter than 3 characters).</summary>
    public static IReadOnlyList<string> SplitArguments(string json)
    {
        if (json.Length < 3)
        {
            return json.Select(c => c.ToString()).ToArray();
        }

        int a = json.Length / 3, b = json.Length * 2 / 3;
        return [json[..a], json[a..b], json[b..]];
    }

    /// <summary>The deterministic vector for an input text (values in [-1, 1], rounded to 6 decimals).</summary>
    public static float[] Embedding(string input, int dimensions)
    {
        uint hash = 2166136261;
        foreach (var c in input)
        {
            hash = (hash ^ c) * 16777619;
        }

        var vector = new float[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            vector[i] = (float)Math.Round(Math.Sin((hash % 997) + (i * 0.7) + 1), 6);
        }

        return vector;
    }

    internal static FakeAnswer For(string family, FakeConversation conversation)
    {
        if (conversation.ToolResult is { } result)
        {
            return new FakeAnswer(ToolReply(result), null, "");
        }

        if (conversation.LastTurnIsUser && !conversation.ToolsDisabled && conversation.Tools.Count > 0)
        {
            var tool = conversation.Tools.FirstOrDefault(t => t.Name == conversation.ForcedTool);
            if (tool.Name is null)
            {
                tool = conversation.Tools[0];
            }

            return new FakeAnswer(null, tool.Name, ArgumentsFor(tool.Schema).ToJsonString(FakeHttp.JsonOptions));
        }

        return new FakeAnswer(Greeting(family, conversation.LastUserText), null, "");
    }

    private static JsonObject ArgumentsFor(JsonNode? schema)
    {
        var arguments = new JsonObject();
        if (schema?["required"] is not JsonArray required)
        {
            return arguments;
        }

        foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
        {
            var property = schema["properties"]?[name];
            arguments[name] = TypeOf(property?["type"]) switch
            {
                "number" or "integer" => 1,
                "boolean" => true,
                "array" => new JsonArray(),
                "object" => new JsonObject(),
                _ => property?["enum"] is JsonArray { Count: > 0 } values ? values[0]!.DeepClone() : "Paris",
            };
        }

        return arguments;
    }

    private static string TypeOf(JsonNode? type) => type switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s.ToLowerInvariant(),
        JsonArray types => types.Select(t => t?.GetValue<string>().ToLowerInvariant()).FirstOrDefault(t => t != "null") ?? "string",
        _ => "string",
    };
}
