using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

/// <summary>Canonical requests equivalent to the <c>openai-chat-request-*.json</c> fixtures (as a dialect would parse them).</summary>
internal static class FixtureRequests
{
    public static ChatRequest Basic()
    {
        var request = new ChatRequest { Model = "gpt-4o-mini", MaxTokens = 20, Temperature = 0.5, N = 1, User = "user-1234" };
        request.System.Add("You are a really nice friend.");
        request.Messages.Add(User("hello"));
        var fixture = Root("openai-chat-request-basic.json");
        request.Extra = new Dictionary<string, JsonElement>
        {
            ["store"] = fixture.GetProperty("store"),
            ["metadata"] = fixture.GetProperty("metadata"),
        };
        return request;
    }

    public static ChatRequest JsonSchema()
    {
        var format = Root("openai-chat-request-json-schema.json").GetProperty("response_format").GetProperty("json_schema");
        var request = new ChatRequest
        {
            Model = "gpt-4o-2024-08-06",
            MaxTokens = 200,
            ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, "calendar_event", format.GetProperty("schema"), Strict: true),
        };
        request.System.Add("Extract the event information.");
        request.Messages.Add(User("Alice and Bob are going to a science fair on Friday."));
        return request;
    }

    public static ChatRequest StreamUsage()
    {
        var request = new ChatRequest { Model = "gpt-4o-mini", MaxTokens = 20, Temperature = 0.5, Stream = true, IncludeUsage = true };
        request.Messages.Add(User("hello"));
        return request;
    }

    public static ChatRequest ToolResult()
    {
        var tool = Root("openai-chat-request-tool-result.json").GetProperty("tools")[0].GetProperty("function");
        var request = new ChatRequest { Model = "gpt-4o-mini" };
        request.Messages.Add(User("How old is Alice?"));
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            ToolCalls = [new ToolCall("call_8qbINM045wlmKZt9bVJgwAym", "GetPersonAge", """{"personName":"Alice"}""")],
        });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Tool,
            ToolCallId = "call_8qbINM045wlmKZt9bVJgwAym",
            ToolName = "GetPersonAge",
            Content = [ContentPart.FromText("42")],
        });
        request.Tools.Add(new ToolDefinition("GetPersonAge", "Gets the age of the specified person.", tool.GetProperty("parameters")));
        return request;
    }

    public static ChatRequest ToolsImage()
    {
        var fixture = Root("openai-chat-request-tools-image.json");
        var image = fixture.GetProperty("messages")[1].GetProperty("content")[1].GetProperty("image_url");
        var tool = fixture.GetProperty("tools")[0].GetProperty("function");
        var request = new ChatRequest
        {
            Model = "gpt-4o-mini",
            ToolChoice = ToolChoice.Auto,
            ParallelToolCalls = true,
            MaxTokens = 256,
            Stream = true,
            IncludeUsage = true,
        };
        request.System.Add("You are a helpful assistant.");
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content =
            [
                ContentPart.FromText("What city is shown in this photo, and what is the weather there right now?"),
                ContentPart.FromImageUrl(image.GetProperty("url").GetString()!, "low"),
            ],
        });
        request.Tools.Add(new ToolDefinition("get_weather", "Get the current weather in a given location", tool.GetProperty("parameters")));
        return request;
    }

    public static ChatMessage User(string text) => new() { Role = ChatRole.User, Content = [ContentPart.FromText(text)] };

    public static JsonElement Root(string fixture) => JsonDocument.Parse(Fixture.Bytes(fixture)).RootElement;
}
