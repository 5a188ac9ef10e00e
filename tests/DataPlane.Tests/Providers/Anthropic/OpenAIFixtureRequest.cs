using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

/// <summary>
/// Turns the OpenAI request fixtures into canonical requests (only the fields the fixtures use), so the Anthropic
/// writer's golden tests start from the recorded OpenAI bodies without depending on the OpenAI dialect.
/// </summary>
internal static class OpenAIFixtureRequest
{
    public static ChatRequest ToCanonical(JsonElement body)
    {
        var request = new ChatRequest { Model = "public-" + body.GetProperty("model").GetString() };
        foreach (var message in body.GetProperty("messages").EnumerateArray())
        {
            var role = message.GetProperty("role").GetString();
            if (role is "system" or "developer")
            {
                request.System.Add(message.GetProperty("content").GetString()!);
                continue;
            }

            request.Messages.Add(new ChatMessage
            {
                Role = role switch { "assistant" => ChatRole.Assistant, "tool" => ChatRole.Tool, _ => ChatRole.User },
                Content = Parts(message.GetProperty("content")),
                ToolCalls = message.TryGetProperty("tool_calls", out var calls)
                    ? [.. calls.EnumerateArray().Select(c => new ToolCall(c.GetProperty("id").GetString()!,
                        c.GetProperty("function").GetProperty("name").GetString()!, c.GetProperty("function").GetProperty("arguments").GetString()!))]
                    : [],
                ToolCallId = message.TryGetProperty("tool_call_id", out var id) ? id.GetString() : null,
            });
        }

        if (body.TryGetProperty("tools", out var tools))
        {
            foreach (var tool in tools.EnumerateArray())
            {
                var function = tool.GetProperty("function");
                request.Tools.Add(new ToolDefinition(function.GetProperty("name").GetString()!,
                    function.TryGetProperty("description", out var d) ? d.GetString() : null, function.GetProperty("parameters").Clone()));
            }
        }

        if (body.TryGetProperty("tool_choice", out var choice))
        {
            request.ToolChoice = choice.GetString() switch { "required" => ToolChoice.Required, "none" => ToolChoice.None, _ => ToolChoice.Auto };
        }

        request.ParallelToolCalls = body.TryGetProperty("parallel_tool_calls", out var parallel) ? parallel.GetBoolean() : null;
        request.MaxTokens = body.TryGetProperty("max_completion_tokens", out var max) ? max.GetInt32() : null;
        request.Stop = body.TryGetProperty("stop", out var stop) ? [.. stop.EnumerateArray().Select(s => s.GetString()!)] : null;
        request.User = body.TryGetProperty("user", out var user) ? user.GetString() : null;
        request.Temperature = body.TryGetProperty("temperature", out var temperature) ? temperature.GetDouble() : null;
        request.Stream = body.TryGetProperty("stream", out var stream) && stream.GetBoolean();
        request.IncludeUsage = body.TryGetProperty("stream_options", out var options) && options.GetProperty("include_usage").GetBoolean();
        return request;
    }

    private static List<ContentPart> Parts(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => [ContentPart.FromText(content.GetString()!)],
        JsonValueKind.Array => [.. content.EnumerateArray().Select(p => p.GetProperty("type").GetString() == "text"
            ? ContentPart.FromText(p.GetProperty("text").GetString()!)
            : ContentPart.FromImageUrl(p.GetProperty("image_url").GetProperty("url").GetString()!,
                p.GetProperty("image_url").TryGetProperty("detail", out var detail) ? detail.GetString() : null))],
        _ => [],
    };
}
