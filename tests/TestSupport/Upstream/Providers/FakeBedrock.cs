using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Testing.Upstream.Providers;

/// <summary>
/// Bedrock Converse at {root}/bedrock: POST /model/{modelId}/converse (JSON) and /converse-stream (eventstream frames,
/// see <see cref="EventStreamWriter"/>: messageStart, contentBlockDelta text per word with no start for the text block,
/// or contentBlockStart toolUse + contentBlockDelta toolUse.input fragments, then contentBlockStop, messageStop
/// stopReason, metadata usage; every payload has a "p" padding field). modelId arrives percent-encoded (%3A), see
/// <see cref="RecordedRequest.PathAndQuery"/>. Auth: <c>Authorization: AWS4-HMAC-SHA256
/// Credential={BedrockAccessKeyId}/…</c> and an <c>x-amz-date</c> header (the signature itself is not verified);
/// failures are 403 with <c>x-amzn-errortype</c> and {"message"}. "ratelimit" → 429 ThrottlingException,
/// "overloaded" → 503 ServiceUnavailableException, "midstream" → two deltas then a throttlingException frame.
/// </summary>
internal static class FakeBedrock
{
    private const string Padding = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static void Map(WebApplication app, FakeUpstream upstream)
    {
        app.MapPost("/bedrock/model/{modelId}/converse", context => HandleAsync(context, upstream, stream: false));
        app.MapPost("/bedrock/model/{modelId}/converse-stream", context => HandleAsync(context, upstream, stream: true));
    }

    private static async Task HandleAsync(HttpContext context, FakeUpstream upstream, bool stream)
    {
        var model = Uri.UnescapeDataString(context.GetRouteValue("modelId") as string ?? "");
        var authorization = context.Request.Headers.Authorization.ToString();
        var (status, type, message) =
            authorization.Length == 0 ? (403, "MissingAuthenticationTokenException", "Missing Authentication Token")
            : !authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal) ? (403, "IncompleteSignatureException", "Authorization header requires 'Credential' parameter.")
            : !authorization.StartsWith($"AWS4-HMAC-SHA256 Credential={upstream.BedrockAccessKeyId}/", StringComparison.Ordinal) ? (403, "UnrecognizedClientException", "The security token included in the request is invalid.")
            : string.IsNullOrEmpty(context.Request.Headers["x-amz-date"]) ? (403, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
            : FakeHttp.FailureOf(model) == "ratelimit" ? (429, "ThrottlingException", "Too many requests, please wait before trying again.")
            : FakeHttp.FailureOf(model) == "overloaded" ? (503, "ServiceUnavailableException", "Bedrock is unable to process your request.")
            : (0, "", "");
        var body = status == 0 ? await FakeHttp.ReadObjectAsync(context) : null;
        if (status == 0 && body is null)
        {
            (status, type, message) = (400, "ValidationException", "Malformed input request, please reformat your input and try again.");
        }

        if (status != 0)
        {
            var service = status == 403 ? "com.amazon.coral.service" : "com.amazon.bedrock";
            await FakeHttp.WriteJsonAsync(context, status, new JsonObject { ["message"] = message },
                ("x-amzn-errortype", $"{type}:http://internal.amazon.com/coral/{service}/"), ("x-amzn-requestid", Guid.NewGuid().ToString()));
            return;
        }

        var answer = FakeAnswer.For("bedrock", Parse(body!));
        if (stream)
        {
            await StreamAsync(context, answer, FakeHttp.FailureOf(model) == "midstream");
            return;
        }

        JsonObject block = answer.IsToolCall
            ? new() { ["toolUse"] = new JsonObject { ["input"] = JsonNode.Parse(answer.ToolArguments), ["name"] = answer.ToolName, ["toolUseId"] = FakeHttp.RandomId("tooluse_", 22) } }
            : new() { ["text"] = answer.Text };
        await FakeHttp.WriteJsonAsync(context, 200, new JsonObject
        {
            ["metrics"] = new JsonObject { ["latencyMs"] = 42 },
            ["output"] = new JsonObject { ["message"] = new JsonObject { ["content"] = new JsonArray(block), ["role"] = "assistant" } },
            ["stopReason"] = answer.IsToolCall ? "tool_use" : "end_turn",
            ["usage"] = Usage(answer),
        }, ("x-amzn-requestid", Guid.NewGuid().ToString()));
    }

    private static async Task StreamAsync(HttpContext context, FakeAnswer answer, bool midstream)
    {
        var sent = 0;
        Task SendAsync(string eventType, JsonObject payload)
        {
            payload["p"] = Padding[..((sent++ * 7 % 40) + 1)];
            return FakeHttp.WriteBytesAsync(context, EventStreamWriter.Event(eventType, payload.ToJsonString(FakeHttp.JsonOptions)));
        }

        await FakeHttp.StartStreamAsync(context, "application/vnd.amazon.eventstream", ("x-amzn-requestid", Guid.NewGuid().ToString()));
        await SendAsync("messageStart", new() { ["role"] = "assistant" });
        if (answer.IsToolCall)
        {
            await SendAsync("contentBlockStart", new()
            {
                ["contentBlockIndex"] = 0,
                ["start"] = new JsonObject { ["toolUse"] = new JsonObject { ["name"] = answer.ToolName, ["toolUseId"] = FakeHttp.RandomId("tooluse_", 22) } },
            });
        }

        var pieces = answer.IsToolCall ? answer.ArgumentFragments : answer.TextDeltas;
        for (var i = 0; i < pieces.Count; i++)
        {
            if (midstream && i == 2)
            {
                await FakeHttp.WriteBytesAsync(context, EventStreamWriter.Exception("throttlingException", """{"message":"Too many requests, please wait before trying again."}"""));
                return;
            }

            JsonObject delta = answer.IsToolCall ? new() { ["toolUse"] = new JsonObject { ["input"] = pieces[i] } } : new() { ["text"] = pieces[i] };
            await SendAsync("contentBlockDelta", new() { ["contentBlockIndex"] = 0, ["delta"] = delta });
        }

        await SendAsync("contentBlockStop", new() { ["contentBlockIndex"] = 0 });
        await SendAsync("messageStop", new() { ["stopReason"] = answer.IsToolCall ? "tool_use" : "end_turn" });
        await SendAsync("metadata", new() { ["metrics"] = new JsonObject { ["latencyMs"] = 42 }, ["usage"] = Usage(answer) });
    }

    private static JsonObject Usage(FakeAnswer answer) => new()
    {
        ["cacheReadInputTokens"] = 0, ["cacheWriteInputTokens"] = 0,
        ["inputTokens"] = FakeAnswer.InputTokens, ["outputTokens"] = answer.OutputTokens, ["totalTokens"] = answer.TotalTokens,
    };

    private static FakeConversation Parse(JsonObject body)
    {
        var conversation = new FakeConversation();
        var messages = (body["messages"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var message in messages.Where(m => FakeHttp.Str(m["role"]) == "user"))
        {
            var text = FakeConversation.TextOf(message["content"]);
            conversation.LastUserText = text.Length > 0 ? text : conversation.LastUserText;
        }

        var last = messages.LastOrDefault();
        conversation.LastTurnIsUser = FakeHttp.Str(last?["role"]) == "user";
        var result = (last?["content"] as JsonArray ?? []).Select(b => b?["toolResult"]).OfType<JsonObject>().FirstOrDefault();
        if (result is not null)
        {
            // [{"text":"…"}] → the texts; [{"json":{…}}] → the JSON text.
            var parts = (result["content"] as JsonArray ?? []).Select(c => FakeHttp.Str(c?["text"]) ?? c?["json"]?.ToJsonString(FakeHttp.JsonOptions) ?? "");
            conversation.ToolResult = string.Join(" ", parts);
        }

        var tools = (body["toolConfig"]?["tools"] as JsonArray ?? []).Select(t => t?["toolSpec"]).OfType<JsonObject>();
        foreach (var spec in tools)
        {
            conversation.Tools.Add((FakeHttp.Str(spec["name"]) ?? "", spec["inputSchema"]?["json"]));
        }

        conversation.ForcedTool = FakeHttp.Str(body["toolConfig"]?["toolChoice"]?["tool"]?["name"]);
        return conversation;
    }
}
