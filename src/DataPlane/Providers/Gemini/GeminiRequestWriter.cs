using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Providers.Gemini;

/// <summary>
/// Writes a canonical request as a Gemini <c>generateContent</c> body (also used for streaming) or a
/// <c>countTokens</c> body. The caller's public model name is never sent: the model is in the URL.
/// </summary>
internal static class GeminiRequestWriter
{
    public static void Write(Utf8JsonWriter w, ChatRequest request)
    {
        w.WriteStartObject();
        WriteSystem(w, request.System);
        GeminiContentsWriter.Write(w, request.Messages);
        WriteTools(w, request);
        WriteGenerationConfig(w, request);
        w.WriteEndObject();
    }

    /// <summary><c>{"generateContentRequest":{model, contents, systemInstruction?, tools?}}</c>: counts system and tools too.</summary>
    public static void WriteCountTokens(Utf8JsonWriter w, ChatRequest request, string resourceName)
    {
        w.WriteStartObject();
        w.WriteStartObject("generateContentRequest");
        w.WriteString("model", resourceName);
        WriteSystem(w, request.System);
        GeminiContentsWriter.Write(w, request.Messages);
        WriteTools(w, request);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSystem(Utf8JsonWriter w, List<string> system)
    {
        if (!system.Exists(s => s.Length > 0))
        {
            return;
        }

        w.WriteStartObject("systemInstruction");
        w.WriteStartArray("parts");
        foreach (var text in system)
        {
            if (text.Length > 0)
            {
                w.WriteStartObject();
                w.WriteString("text", text);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>tools:[{functionDeclarations}] and toolConfig; an object schema without properties is left out (Gemini rejects it).</summary>
    private static void WriteTools(Utf8JsonWriter w, ChatRequest request)
    {
        if (request.Tools.Count == 0)
        {
            return;
        }

        w.WriteStartArray("tools");
        w.WriteStartObject();
        w.WriteStartArray("functionDeclarations");
        foreach (var tool in request.Tools)
        {
            w.WriteStartObject();
            w.WriteString("name", tool.Name);
            if (!string.IsNullOrEmpty(tool.Description))
            {
                w.WriteString("description", tool.Description);
            }

            if (!GeminiSchemaWriter.HasNoProperties(tool.Parameters))
            {
                w.WritePropertyName("parameters");
                GeminiSchemaWriter.Write(w, tool.Parameters);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();

        if (request.ToolChoice is not { } choice)
        {
            return;
        }

        w.WriteStartObject("toolConfig");
        w.WriteStartObject("functionCallingConfig");
        w.WriteString("mode", choice.Mode switch
        {
            ToolChoiceMode.None => "NONE",
            ToolChoiceMode.Required or ToolChoiceMode.Named => "ANY",
            _ => "AUTO",
        });
        if (choice.Mode == ToolChoiceMode.Named && choice.Name is not null)
        {
            w.WriteStartArray("allowedFunctionNames");
            w.WriteStringValue(choice.Name);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter w, ChatRequest r)
    {
        var json = r.ResponseFormat is { Kind: ResponseFormatKind.JsonObject or ResponseFormatKind.JsonSchema };
        var thinkingBudget = r.ThinkingBudget ?? ThinkingBudgetFor(r.ReasoningEffort);
        if (r.Temperature is null && r.TopP is null && r.TopK is null && r.MaxTokens is null && r.Stop is not { Count: > 0 } && r.N is null
            && r.Seed is null && r.PresencePenalty is null && r.FrequencyPenalty is null && !json && thinkingBudget is null)
        {
            return;
        }

        w.WriteStartObject("generationConfig");
        WriteNumber(w, "temperature", r.Temperature);
        WriteNumber(w, "topP", r.TopP);
        WriteNumber(w, "topK", r.TopK);
        WriteNumber(w, "maxOutputTokens", r.MaxTokens);
        if (r.Stop is { Count: > 0 } stop)
        {
            w.WriteStartArray("stopSequences");
            foreach (var sequence in stop)
            {
                w.WriteStringValue(sequence);
            }

            w.WriteEndArray();
        }

        WriteNumber(w, "candidateCount", r.N);
        WriteNumber(w, "seed", r.Seed is { } seed ? (int)Math.Clamp(seed, int.MinValue, int.MaxValue) : null);
        WriteNumber(w, "presencePenalty", r.PresencePenalty);
        WriteNumber(w, "frequencyPenalty", r.FrequencyPenalty);
        if (json)
        {
            w.WriteString("responseMimeType", "application/json");
            if (r.ResponseFormat is { Kind: ResponseFormatKind.JsonSchema, Schema: { } schema })
            {
                w.WritePropertyName("responseSchema");
                GeminiSchemaWriter.Write(w, schema);
            }
        }

        if (thinkingBudget is { } budget)
        {
            // Thoughts are only returned when asked for; a budget of 0 turns thinking off.
            w.WriteStartObject("thinkingConfig");
            w.WriteNumber("thinkingBudget", budget);
            if (budget != 0)
            {
                w.WriteBoolean("includeThoughts", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>OpenAI <c>reasoning_effort</c> as a thinking budget (LiteLLM's values); unknown efforts leave the model's default.</summary>
    private static int? ThinkingBudgetFor(string? effort) => effort switch
    {
        "low" => 1024,
        "medium" => 2048,
        "high" => 4096,
        _ => null,
    };

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
