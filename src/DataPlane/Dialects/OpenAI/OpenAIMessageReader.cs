using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Dialects.OpenAI;

/// <summary>
/// Reads <c>messages</c>: system and developer turns become <see cref="ChatRequest.System"/>; user, assistant (with
/// <c>tool_calls</c>) and tool turns become <see cref="ChatRequest.Messages"/>, tool turns named after the call they answer.
/// </summary>
internal static class OpenAIMessageReader
{
    private enum Role
    {
        System,
        User,
        Assistant,
        Tool,
    }

    public static void ReadAll(ref Utf8JsonReader reader, ChatRequest request)
    {
        JsonValues.ExpectArray(ref reader);
        var index = 0;
        Dictionary<string, string>? toolNames = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            try
            {
                ReadMessage(ref reader, request, ref toolNames);
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix($"[{index}]");
            }

            index++;
        }

        if (index == 0)
        {
            throw OpenAIRequestException.Invalid("empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }
    }

    private static void ReadMessage(ref Utf8JsonReader reader, ChatRequest request, ref Dictionary<string, string>? toolNames)
    {
        JsonValues.ExpectObject(ref reader);
        Role? role = null;
        List<ContentPart>? content = null;
        var firstNonText = -1;
        List<ToolCall>? calls = null;
        string? toolCallId = null, name = null;
        while (JsonValues.NextProperty(ref reader))
        {
            var property = reader.ValueTextEquals("role"u8) ? "role"
                : reader.ValueTextEquals("content"u8) ? "content"
                : reader.ValueTextEquals("tool_calls"u8) ? "tool_calls"
                : reader.ValueTextEquals("tool_call_id"u8) ? "tool_call_id"
                : reader.ValueTextEquals("name"u8) ? "name"
                : null;
            JsonValues.Value(ref reader);
            try
            {
                switch (property)
                {
                    case "role":
                        role = ReadRole(ref reader);
                        break;
                    case "content":
                        content = OpenAIContentReader.Read(ref reader, out firstNonText);
                        break;
                    case "tool_calls":
                        calls = OpenAIToolCallReader.Read(ref reader);
                        break;
                    case "tool_call_id":
                        toolCallId = JsonValues.OptionalString(ref reader);
                        break;
                    case "name":
                        name = JsonValues.OptionalString(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            catch (OpenAIRequestException ex)
            {
                throw ex.Prefix(property!);
            }
        }

        switch (role)
        {
            case null:
                throw OpenAIRequestException.Missing("role");
            case Role.System:
                TextOnly(content ?? throw OpenAIRequestException.Missing("content"), firstNonText, "'text'");
                request.System.Add(content.Count == 1 ? content[0].Text! : string.Join('\n', content.Select(p => p.Text)));
                break;
            case Role.User:
                request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = content ?? throw OpenAIRequestException.Missing("content"), Name = name });
                break;
            case Role.Assistant:
                if (content is null && calls is not { Count: > 0 })
                {
                    throw OpenAIRequestException.Missing("content");
                }

                TextOnly(content ?? [], firstNonText, "'text' and 'refusal'");
                foreach (var call in calls ?? [])
                {
                    (toolNames ??= new(StringComparer.Ordinal))[call.Id] = call.Name;
                }

                request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, Content = content ?? [], ToolCalls = calls ?? [], Name = name });
                break;
            case Role.Tool:
                var id = toolCallId ?? throw OpenAIRequestException.Missing("tool_call_id");
                TextOnly(content ?? throw OpenAIRequestException.Missing("content"), firstNonText, "'text'");
                request.Messages.Add(new ChatMessage
                {
                    Role = ChatRole.Tool,
                    Content = content,
                    ToolCallId = id,
                    ToolName = toolNames?.GetValueOrDefault(id),
                });
                break;
        }
    }

    private static Role ReadRole(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw JsonValues.TypeError(ref reader, "a string");
        }

        if (reader.ValueTextEquals("user"u8))
        {
            return Role.User;
        }

        if (reader.ValueTextEquals("assistant"u8))
        {
            return Role.Assistant;
        }

        if (reader.ValueTextEquals("tool"u8))
        {
            return Role.Tool;
        }

        if (reader.ValueTextEquals("system"u8) || reader.ValueTextEquals("developer"u8))
        {
            return Role.System;
        }

        if (reader.ValueTextEquals("function"u8))
        {
            throw new OpenAIRequestException(
                "The 'function' role is deprecated and not supported; answer 'tool_calls' with 'tool' messages instead.",
                OpenAIRequestException.InvalidValue);
        }

        throw OpenAIRequestException.Unsupported(reader.GetString()!, "'system', 'developer', 'user', 'assistant', and 'tool'");
    }

    private static void TextOnly(List<ContentPart> content, int firstNonText, string supported)
    {
        if (firstNonText >= 0)
        {
            var type = content[firstNonText].Kind == ContentPartKind.Image ? "image_url" : "file";
            throw OpenAIRequestException.Unsupported(type, supported, $"content[{firstNonText}].type");
        }
    }
}
