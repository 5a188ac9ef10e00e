using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Gemini API at {root}/gemini/v1beta: POST /models/{model}:generateContent, :streamGenerateContent?alt=sse (events
/// <c>data: {json}\r\n\r\n</c>, one word per event, cumulative usageMetadata in every event, finishReason "STOP" only
/// on the last, end at EOF; a function call arrives whole in one event without id, with a thoughtSignature; without
/// alt=sse a JSON array), :countTokens ({"totalTokens":11}), :embedContent and :batchEmbedContents (no usage).
/// Key: <c>x-goog-api-key</c> or ?key= — missing → 403 PERMISSION_DENIED, wrong → 400 INVALID_ARGUMENT API_KEY_INVALID.
/// "ratelimit" → 429 RESOURCE_EXHAUSTED with RetryInfo retryDelay "7s" (no retry-after header, like Google);
/// "overloaded" → 503 UNAVAILABLE; "midstream" → two events then <c>data: {"error":…}</c>.
/// </summary>
internal static class FakeGemini
{
    /// <summary>The thoughtSignature sent on every functionCall part.</summary>
    public const string ThoughtSignature = "ZmFrZS10aG91Z2h0LXNpZ25hdHVyZQ==";

    public static void Map(WebApplication app, FakeUpstream upstream) =>
        app.MapPost("/gemini/v1beta/models/{modelAction}", context => HandleAsync(context, upstream));

    private static async Task HandleAsync(HttpContext context, FakeUpstream upstream)
    {
        var modelAction = context.GetRouteValue("modelAction") as string ?? "";
        var colon = modelAction.LastIndexOf(':');
        var (model, action) = colon < 0 ? (modelAction, "") : (modelAction[..colon], modelAction[(colon + 1)..]);
        var key = context.Request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } header ? header : context.Request.Query["key"].ToString();
        if (key.Length == 0)
        {
            await ErrorAsync(context, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", []);
            return;
        }

        if (key != upstream.GeminiKey)
        {
            await ErrorAsync(context, 400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
            [
                new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo", ["reason"] = "API_KEY_INVALID", ["domain"] = "googleapis.com", ["metadata"] = new JsonObject { ["service"] = "generativelanguage.googleapis.com" } },
            ]);
            return;
        }

        var body = await FakeHttp.ReadObjectAsync(context);
        if (body is null || action is not ("generateContent" or "streamGenerateContent" or "countTokens" or "embedContent" or "batchEmbedContents"))
        {
            await ErrorAsync(context, body is null ? 400 : 404, body is null ? "INVALID_ARGUMENT" : "NOT_FOUND", body is null ? "Invalid JSON payload received." : $"Unknown method {action}.", []);
            return;
        }

        switch (FakeHttp.FailureOf(model))
        {
            case "ratelimit":
                await ErrorAsync(context, 429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.",
                    [new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = "7s" }]);
                return;
            case "overloaded":
                await ErrorAsync(context, 503, "UNAVAILABLE", "The model is overloaded. Please try again later.", []);
                return;
        }

        await (action switch
        {
            "countTokens" => FakeHttp.WriteJsonAsync(context, 200, new JsonObject
            {
                ["totalTokens"] = FakeAnswer.InputTokens,
                ["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = FakeAnswer.InputTokens }),
            }),
            "embedContent" => FakeHttp.WriteJsonAsync(context, 200, new JsonObject { ["embedding"] = Embedding(body) }),
            "batchEmbedContents" => FakeHttp.WriteJsonAsync(context, 200, new JsonObject
            {
                ["embeddings"] = new JsonArray((body["requests"] as JsonArray ?? []).Select(r => (JsonNode?)Embedding(r as JsonObject ?? [])).ToArray()),
            }),
            "streamGenerateContent" => StreamAsync(context, model, FakeAnswer.For("gemini", Parse(body)), context.Request.Query["alt"] == "sse"),
            _ => CompleteAsync(context, model, FakeAnswer.For("gemini", Parse(body))),
        });
    }

    private static Task CompleteAsync(HttpContext context, string model, FakeAnswer answer) =>
        FakeHttp.WriteJsonAsync(context, 200, Response(model, FakeHttp.RandomId("", 23), Parts(answer), answer.OutputTokens, finish: true));

    private static async Task StreamAsync(HttpContext context, string model, FakeAnswer answer, bool sse)
    {
        await FakeHttp.StartStreamAsync(context, sse ? "text/event-stream" : "application/json; charset=UTF-8");
        var id = FakeHttp.RandomId("", 23);
        var events = answer.IsToolCall
            ? [Response(model, id, Parts(answer), answer.OutputTokens, finish: true)]
            : answer.TextDeltas.Select((word, i) => Response(model, id, new JsonArray(new JsonObject { ["text"] = word }), i + 1, i == answer.TextDeltas.Count - 1)).ToList();
        var midstream = FakeHttp.FailureOf(model) == "midstream";
        for (var i = 0; i < events.Count; i++)
        {
            var json = midstream && i == 2
                ? """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"""
                : events[i].ToJsonString(FakeHttp.JsonOptions);
            if (sse)
            {
                await FakeHttp.WriteEventAsync(context, null, json, "\r\n");
            }
            else
            {
                await context.Response.WriteAsync((i == 0 ? "[" : ",\r\n") + json, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            if (midstream && i == 2)
            {
                return;
            }
        }

        if (!sse)
        {
            await context.Response.WriteAsync("]", context.RequestAborted);
        }
    }

    private static JsonArray Parts(FakeAnswer answer) => answer.IsToolCall
        ? [new JsonObject { ["functionCall"] = new JsonObject { ["name"] = answer.ToolName, ["args"] = JsonNode.Parse(answer.ToolArguments) }, ["thoughtSignature"] = ThoughtSignature }]
        : [new JsonObject { ["text"] = answer.Text }];

    /// <summary>One GenerateContentResponse; usage counts <paramref name="outputTokens"/> candidate tokens so far.</summary>
    private static JsonObject Response(string model, string responseId, JsonArray parts, int outputTokens, bool finish)
    {
        var candidate = new JsonObject { ["content"] = new JsonObject { ["parts"] = parts, ["role"] = "model" } };
        if (finish)
        {
            candidate["finishReason"] = "STOP";
        }

        candidate["index"] = 0;
        return new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = FakeAnswer.InputTokens, ["candidatesTokenCount"] = outputTokens,
                ["totalTokenCount"] = FakeAnswer.InputTokens + outputTokens,
                ["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = FakeAnswer.InputTokens }),
            },
            ["modelVersion"] = model,
            ["responseId"] = responseId,
        };
    }

    private static FakeConversation Parse(JsonObject body)
    {
        var conversation = new FakeConversation();
        var contents = (body["contents"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var content in contents.Where(c => FakeHttp.Str(c["role"]) is "user" or null))
        {
            var text = FakeConversation.TextOf(content["parts"]);
            conversation.LastUserText = text.Length > 0 ? text : conversation.LastUserText;
        }

        var last = contents.LastOrDefault();
        conversation.LastTurnIsUser = last is not null && FakeHttp.Str(last["role"]) is "user" or "function" or null;
        var response = (last?["parts"] as JsonArray ?? []).Select(p => p?["functionResponse"]).OfType<JsonObject>().FirstOrDefault();
        if (response?["response"] is JsonObject result)
        {
            // {"output":"15 degrees"} → "15 degrees"; any other object → its JSON text.
            conversation.ToolResult = result.Count == 1 && FakeHttp.Str(result.First().Value) is { } single ? single : result.ToJsonString(FakeHttp.JsonOptions);
        }

        var declarations = (body["tools"] as JsonArray ?? []).SelectMany(t => t?["functionDeclarations"] as JsonArray ?? []).OfType<JsonObject>();
        foreach (var function in declarations)
        {
            conversation.Tools.Add((FakeHttp.Str(function["name"]) ?? "", function["parameters"] ?? function["parametersJsonSchema"]));
        }

        var config = body["toolConfig"]?["functionCallingConfig"];
        conversation.ToolsDisabled = FakeHttp.Str(config?["mode"]) == "NONE";
        conversation.ForcedTool = FakeHttp.Str(config?["allowedFunctionNames"]?[0]);
        return conversation;
    }

    private static JsonObject Embedding(JsonObject request)
    {
        var text = FakeConversation.TextOf(request["content"]?["parts"]);
        var dimensions = request["outputDimensionality"] is JsonValue d && d.TryGetValue(out int n) ? n : FakeAnswer.DefaultEmbeddingDimensions;
        return new JsonObject { ["values"] = new JsonArray(FakeAnswer.Embedding(text, dimensions).Select(f => (JsonNode)f).ToArray()) };
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message, JsonArray details)
    {
        var error = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = code };
        if (details.Count > 0)
        {
            error["details"] = details;
        }

        return FakeHttp.WriteJsonAsync(context, status, new JsonObject { ["error"] = error });
    }
}
