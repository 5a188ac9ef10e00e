using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Anthropic Messages at {root}/anthropic: POST /v1/messages (JSON, or SSE with <c>event:</c> lines: message_start,
/// content_block_start, ping, content_block_delta×N (a tool block starts with an empty partial_json), content_block_stop,
/// message_delta, message_stop) and /v1/messages/count_tokens ({"input_tokens":11}). Requires <c>x-api-key</c>
/// ({AnthropicKey}, else 401 authentication_error) and <c>anthropic-version</c> (else 400), and max_tokens on messages.
/// Usage: input_tokens 11, cache_creation/cache_read_input_tokens 0, output_tokens 1 at message_start then the final
/// count in message_delta. "overloaded" → 529 overloaded_error; "midstream" → two deltas then event: error.
/// </summary>
internal static class FakeAnthropic
{
    public static void Map(WebApplication app, FakeUpstream upstream)
    {
        app.MapPost("/anthropic/v1/messages", context => HandleAsync(context, upstream, countTokens: false));
        app.MapPost("/anthropic/v1/messages/count_tokens", context => HandleAsync(context, upstream, countTokens: true));
    }

    private static async Task HandleAsync(HttpContext context, FakeUpstream upstream, bool countTokens)
    {
        var headers = context.Request.Headers;
        if (headers["x-api-key"] != upstream.AnthropicKey)
        {
            await ErrorAsync(context, 401, "authentication_error", "invalid x-api-key");
            return;
        }

        if (string.IsNullOrEmpty(headers["anthropic-version"]))
        {
            await ErrorAsync(context, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }

        var body = await FakeHttp.ReadObjectAsync(context);
        var model = body is null ? null : FakeHttp.Str(body["model"]);
        if (body is null || model is null || (!countTokens && body["max_tokens"] is null))
        {
            await ErrorAsync(context, 400, "invalid_request_error", body is null ? "Invalid JSON body" : model is null ? "model: Field required" : "max_tokens: Field required");
            return;
        }

        switch (FakeHttp.FailureOf(model))
        {
            case "ratelimit":
                await ErrorAsync(context, 429, "rate_limit_error", "This request would exceed the rate limit for your organization of 30,000 input tokens per minute.", ("retry-after", "7"));
                return;
            case "overloaded":
                await ErrorAsync(context, 529, "overloaded_error", "Overloaded");
                return;
        }

        if (countTokens)
        {
            await FakeHttp.WriteJsonAsync(context, 200, new JsonObject { ["input_tokens"] = FakeAnswer.InputTokens });
            return;
        }

        var answer = FakeAnswer.For("anthropic", Parse(body));
        var id = FakeHttp.RandomId("msg_01", 22);
        if (body["stream"] is JsonValue stream && stream.TryGetValue(out bool on) && on)
        {
            await StreamAsync(context, id, model, answer, FakeHttp.FailureOf(model) == "midstream");
            return;
        }

        JsonObject block = answer.IsToolCall
            ? new() { ["type"] = "tool_use", ["id"] = FakeHttp.RandomId("toolu_01", 22), ["name"] = answer.ToolName, ["input"] = JsonNode.Parse(answer.ToolArguments) }
            : new() { ["type"] = "text", ["text"] = answer.Text };
        var message = Message(id, model, answer.OutputTokens, StopReason(answer));
        message["content"] = new JsonArray(block);
        await FakeHttp.WriteJsonAsync(context, 200, message, ("request-id", FakeHttp.RandomId("req_011", 21)));
    }

    private static async Task StreamAsync(HttpContext context, string id, string model, FakeAnswer answer, bool midstream)
    {
        Task SendAsync(string type, JsonObject data)
        {
            var json = new JsonObject { ["type"] = type };
            foreach (var (key, value) in data)
            {
                json[key] = value?.DeepClone();
            }

            return FakeHttp.WriteEventAsync(context, type, json.ToJsonString(FakeHttp.JsonOptions));
        }

        await FakeHttp.StartStreamAsync(context, "text/event-stream; charset=utf-8", ("request-id", FakeHttp.RandomId("req_011", 21)));
        await SendAsync("message_start", new() { ["message"] = Message(id, model, 1, null) });
        JsonObject start = answer.IsToolCall
            ? new() { ["type"] = "tool_use", ["id"] = FakeHttp.RandomId("toolu_01", 22), ["name"] = answer.ToolName, ["input"] = new JsonObject() }
            : new() { ["type"] = "text", ["text"] = "" };
        await SendAsync("content_block_start", new() { ["index"] = 0, ["content_block"] = start });
        await FakeHttp.WriteEventAsync(context, "ping", """{"type": "ping"}""");
        var deltas = answer.IsToolCall ? ["", .. answer.ArgumentFragments] : answer.TextDeltas;
        for (var i = 0; i < deltas.Count; i++)
        {
            if (midstream && i == 2)
            {
                await FakeHttp.WriteEventAsync(context, "error", """{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}""");
                return;
            }

            JsonObject delta = answer.IsToolCall
                ? new() { ["type"] = "input_json_delta", ["partial_json"] = deltas[i] }
                : new() { ["type"] = "text_delta", ["text"] = deltas[i] };
            await SendAsync("content_block_delta", new() { ["index"] = 0, ["delta"] = delta });
        }

        await SendAsync("content_block_stop", new() { ["index"] = 0 });
        await SendAsync("message_delta", new()
        {
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(answer), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = answer.OutputTokens },
        });
        await SendAsync("message_stop", []);
    }

    private static FakeConversation Parse(JsonObject body)
    {
        var conversation = new FakeConversation();
        var messages = body["messages"] as JsonArray ?? [];
        foreach (var message in messages.OfType<JsonObject>().Where(m => FakeHttp.Str(m["role"]) == "user"))
        {
            var text = FakeConversation.TextOf(message["content"]);
            conversation.LastUserText = text.Length > 0 ? text : conversation.LastUserText;
        }

        var last = messages.LastOrDefault();
        conversation.LastTurnIsUser = FakeHttp.Str(last?["role"]) == "user";
        if (conversation.LastTurnIsUser && last?["content"] is JsonArray blocks
            && blocks.FirstOrDefault(b => FakeHttp.Str(b?["type"]) == "tool_result") is { } result)
        {
            conversation.ToolResult = FakeConversation.TextOf(result["content"]);
        }

        foreach (var tool in (body["tools"] as JsonArray ?? []).OfType<JsonObject>())
        {
            conversation.Tools.Add((FakeHttp.Str(tool["name"]) ?? "", tool["input_schema"]));
        }

        conversation.ToolsDisabled = FakeHttp.Str(body["tool_choice"]?["type"]) == "none";
        conversation.ForcedTool = FakeHttp.Str(body["tool_choice"]?["name"]);
        return conversation;
    }

    private static JsonObject Message(string id, string model, int outputTokens, string? stopReason) => new()
    {
        ["id"] = id, ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
        ["stop_reason"] = stopReason, ["stop_sequence"] = null,
        ["usage"] = new JsonObject
        {
            ["input_tokens"] = FakeAnswer.InputTokens, ["cache_creation_input_tokens"] = 0, ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = outputTokens, ["service_tier"] = "standard",
        },
    };

    private static string StopReason(FakeAnswer answer) => answer.IsToolCall ? "tool_use" : "end_turn";

    private static Task ErrorAsync(HttpContext context, int status, string type, string message, params (string, string)[] headers) =>
        FakeHttp.WriteJsonAsync(context, status, new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
            ["request_id"] = FakeHttp.RandomId("req_011", 21),
        }, headers);
}
