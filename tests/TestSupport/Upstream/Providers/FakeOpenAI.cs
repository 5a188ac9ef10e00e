using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// OpenAI Chat Completions and Embeddings at {root}/{flavor}/v1 for every OpenAI-compatible flavor, plus what Azure
/// shares with it (request parsing, answering, error bodies: OpenAI's four-key shape or Azure's {code,message}).
/// Auth: <c>Authorization: Bearer {OpenAIKey}</c> (Ollama ignores it) → 401 invalid_api_key.
/// </summary>
internal static class FakeOpenAI
{
    public static void Map(WebApplication app, FakeUpstream upstream)
    {
        app.MapPost("/{flavor}/v1/chat/completions", context => HandleAsync(context, upstream, chat: true));
        app.MapPost("/{flavor}/v1/embeddings", context => HandleAsync(context, upstream, chat: false));
    }

    /// <summary>After auth: scripted failures, then the chat answer (JSON or stream) in the family's format.</summary>
    public static async Task ServeChatAsync(HttpContext context, string family, string model, JsonObject body)
    {
        if (await TryFailAsync(context, family, model))
        {
            return;
        }

        var answer = FakeAnswer.For(family, Parse(body));
        if (body["stream"] is JsonValue stream && stream.TryGetValue(out bool on) && on)
        {
            var includeUsage = body["stream_options"]?["include_usage"] is JsonValue v && v.TryGetValue(out bool usage) && usage;
            await FakeOpenAIChat.StreamAsync(context, family, model, answer, includeUsage, FakeHttp.FailureOf(model) == "midstream");
            return;
        }

        await FakeOpenAIChat.CompleteAsync(context, family, model, answer);
    }

    /// <summary>Embeddings: one deterministic vector per input (dimensions or 8), floats or base64, usage 5 tokens.</summary>
    public static async Task ServeEmbeddingsAsync(HttpContext context, string family, string model, JsonObject body)
    {
        if (await TryFailAsync(context, family, model))
        {
            return;
        }

        // A string, an array of strings, one token array, or an array of token arrays.
        var raw = body["input"];
        IEnumerable<JsonNode?> inputs = raw is JsonArray list && !(list.FirstOrDefault() is JsonValue first
            && first.GetValueKind() == System.Text.Json.JsonValueKind.Number) ? list.ToList() : new List<JsonNode?> { raw };
        var dimensions = body["dimensions"] is JsonValue d && d.TryGetValue(out int dims) ? dims : FakeAnswer.DefaultEmbeddingDimensions;
        var base64 = FakeHttp.Str(body["encoding_format"]) == "base64";
        var data = new JsonArray();
        foreach (var input in inputs)
        {
            var text = input is JsonValue s && s.TryGetValue(out string? str) ? str : input?.ToJsonString(FakeHttp.JsonOptions) ?? "";
            var vector = FakeAnswer.Embedding(text, dimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = data.Count,
                ["embedding"] = base64 ? ToBase64(vector) : new JsonArray(vector.Select(f => (JsonNode)f).ToArray()),
            });
        }

        await FakeHttp.WriteJsonAsync(context, 200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = FakeAnswer.EmbeddingPromptTokens, ["total_tokens"] = FakeAnswer.EmbeddingPromptTokens },
        });
    }

    /// <summary>An error in the family's shape: OpenAI {message,type,param,code}; Azure {code (a string), message}.</summary>
    public static Task ErrorAsync(HttpContext context, string family, int status, string message, string type, string? code, params (string, string)[] headers)
    {
        JsonObject error = family == "azure"
            ? new JsonObject { ["code"] = code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), ["message"] = message }
            : new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code };
        return FakeHttp.WriteJsonAsync(context, status, new JsonObject { ["error"] = error }, headers);
    }

    public static FakeConversation Parse(JsonObject body)
    {
        var conversation = new FakeConversation();
        var messages = body["messages"] as JsonArray ?? [];
        foreach (var message in messages.OfType<JsonObject>().Where(m => FakeHttp.Str(m["role"]) == "user"))
        {
            var text = FakeConversation.TextOf(message["content"]);
            conversation.LastUserText = text.Length > 0 ? text : conversation.LastUserText;
        }

        var lastRole = FakeHttp.Str(messages.LastOrDefault()?["role"]);
        conversation.LastTurnIsUser = lastRole is "user" or "tool";
        conversation.ToolResult = lastRole == "tool" ? FakeConversation.TextOf(messages[^1]!["content"]) : null;
        foreach (var function in (body["tools"] as JsonArray ?? []).Select(t => t?["function"]).OfType<JsonObject>())
        {
            conversation.Tools.Add((FakeHttp.Str(function["name"]) ?? "", function["parameters"]));
        }

        conversation.ToolsDisabled = FakeHttp.Str(body["tool_choice"]) == "none";
        conversation.ForcedTool = FakeHttp.Str(body["tool_choice"]?["function"]?["name"]);
        return conversation;
    }

    private static async Task HandleAsync(HttpContext context, FakeUpstream upstream, bool chat)
    {
        var flavor = context.GetRouteValue("flavor") as string ?? "";
        if (!FakeUpstream.OpenAIFlavors.Contains(flavor))
        {
            await ErrorAsync(context, "openai", 404, $"Unknown fake provider flavor '{flavor}'.", "invalid_request_error", "unknown_url");
            return;
        }

        if (flavor != "ollama" && context.Request.Headers.Authorization != "Bearer " + upstream.OpenAIKey)
        {
            await ErrorAsync(context, flavor, 401, "Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
            return;
        }

        var body = await FakeHttp.ReadObjectAsync(context);
        if (body is null || FakeHttp.Str(body["model"]) is not { } model)
        {
            await ErrorAsync(context, flavor, 400, body is null ? "We could not parse the JSON body of your request." : "you must provide a model parameter", "invalid_request_error", null);
            return;
        }

        await (chat ? ServeChatAsync(context, flavor, model, body) : ServeEmbeddingsAsync(context, flavor, model, body));
    }

    private static async Task<bool> TryFailAsync(HttpContext context, string family, string model)
    {
        var azure = family == "azure";
        switch (FakeHttp.FailureOf(model))
        {
            case "ratelimit":
                await ErrorAsync(context, family, 429,
                    azure ? "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 7 seconds."
                          : $"Rate limit reached for {model} on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 7s.",
                    "tokens", azure ? "429" : "rate_limit_exceeded", ("retry-after", "7"), ("retry-after-ms", "7000"), ("x-ratelimit-remaining-tokens", "0"));
                return true;
            case "overloaded":
                await ErrorAsync(context, family, 503, "The engine is currently overloaded, please try again later.", "server_error", azure ? "ServiceUnavailable" : null);
                return true;
            default:
                return false;
        }
    }

    private static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * 4];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
