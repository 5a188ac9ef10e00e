using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Providers.Bedrock;

public class BedrockRequestWriterTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private const string ToolUseId = "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q";

    [Fact]
    public void Write_ImageToolsAndSampling_MatchesConverseFixture()
    {
        var request = new ChatRequest
        {
            Model = "claude-sonnet", MaxTokens = 1024, Temperature = 0.7, TopP = 0.95, TopK = 250, Stop = ["###"], ToolChoice = ToolChoice.Auto,
            Seed = 7, User = "user-1234", // no Converse equivalent: not sent
        };
        request.System.Add("You are a concise weather assistant.");
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.User,
            Content = [ContentPart.FromImageUrl("data:image/png;base64," + Png), ContentPart.FromText("This photo is from Paris. What's the weather there right now?")],
        });
        request.Tools.Add(WeatherTool("""{"type":"object","properties":{"location":{"type":"string","description":"The city, e.g. Paris"}},"required":["location"]}"""));

        AssertJson("bedrock-converse-request.json", Write(request));
    }

    [Fact]
    public void Write_ToolCallAndJsonToolResult_MatchesConverseFixture()
    {
        var request = new ChatRequest { MaxTokens = 512 };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("What's the weather in Paris?")] });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            Content = [ContentPart.FromText("I'll check the weather in Paris.")],
            ToolCalls = [new ToolCall(ToolUseId, "get_weather", """{"location":"Paris"}""")],
        });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Tool, ToolCallId = ToolUseId, Content = [ContentPart.FromText("""{"temperature_c": 15, "conditions": "light rain"}""")],
        });
        request.Tools.Add(WeatherTool("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""));

        AssertJson("bedrock-converse-request-tool-result.json", Write(request));
    }

    [Fact]
    public void Write_ConsecutiveToolResultsAndUserText_MergeIntoOneUserTurn()
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("Weather in Paris and Rome?")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("a", "get_weather", ""), new ToolCall("b", "get_weather", "{}")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "a", Content = [ContentPart.FromText("sunny")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "b", IsError = true, Content = [ContentPart.FromText("timeout")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("Thanks")] });

        var messages = Write(request)["messages"]!.AsArray();

        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string)m!["role"]!));
        Assert.Equal("{}", messages[1]!["content"]![0]!["toolUse"]!["input"]!.ToJsonString());
        var last = messages[2]!["content"]!.AsArray();
        Assert.Equal(3, last.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"toolResult":{"toolUseId":"a","content":[{"text":"sunny"}],"status":"success"}}"""), last[0]));
        Assert.Equal("error", (string)last[1]!["toolResult"]!["status"]!);
        Assert.Equal("Thanks", (string)last[2]!["text"]!);
    }

    [Theory]
    [InlineData("required", """{"any":{}}""")]
    [InlineData("named", """{"tool":{"name":"get_weather"}}""")]
    public void Write_ToolChoice_MapsToConverseChoice(string mode, string expected)
    {
        var request = UserRequest("hi");
        request.Tools.Add(WeatherTool("""{"type":"object"}"""));
        request.ToolChoice = mode == "required" ? ToolChoice.Required : new ToolChoice(ToolChoiceMode.Named, "get_weather");

        var toolChoice = Write(request)["toolConfig"]!["toolChoice"];

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), toolChoice));
    }

    [Fact]
    public void Write_ToolChoiceNoneWithoutToolHistory_LeavesToolsOut()
    {
        var request = UserRequest("hi");
        request.Tools.Add(WeatherTool("""{"type":"object"}"""));
        request.ToolChoice = ToolChoice.None;

        Assert.Null(Write(request)["toolConfig"]);
    }

    [Fact]
    public void Write_ToolChoiceNoneWithToolHistory_KeepsToolsWithoutChoice()
    {
        var request = UserRequest("hi");
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("a", "get_weather", "{}")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "a", Content = [ContentPart.FromText("sunny")] });
        request.Tools.Add(WeatherTool("""{"type":"object"}"""));
        request.ToolChoice = ToolChoice.None;

        var toolConfig = Write(request)["toolConfig"]!;

        Assert.Equal("get_weather", (string)toolConfig["tools"]![0]!["toolSpec"]!["name"]!);
        Assert.Null(toolConfig["toolChoice"]);
    }

    [Fact]
    public void Write_ToolHistoryWithoutTools_DeclaresHistoryToolsByName()
    {
        var request = UserRequest("hi");
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("a", "lookup", "{}")] });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "a", Content = [ContentPart.FromText("42")] });

        var tool = Write(request)["toolConfig"]!["tools"]![0]!["toolSpec"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"lookup","inputSchema":{"json":{"type":"object"}}}"""), tool));
    }

    [Fact]
    public void Write_PdfDocument_WritesNamedDocumentBlock()
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromImageUrl("data:application/pdf;base64,JVBERi0="), ContentPart.FromText("Summarise")] });

        var block = Write(request)["messages"]![0]!["content"]![0]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"document":{"format":"pdf","name":"document-1","source":{"bytes":"JVBERi0="}}}"""), block));
    }

    [Theory]
    [InlineData("n")]
    [InlineData("image-url")]
    [InlineData("image-type")]
    [InlineData("arguments")]
    public void Write_UnsupportedRequest_Returns400NamingTheField(string problem)
    {
        var request = UserRequest("hi");
        string expectedParam;
        switch (problem)
        {
            case "n":
                request.N = 2;
                expectedParam = "n";
                break;
            case "image-url":
                request.Messages[0].Content.Add(ContentPart.FromImageUrl("https://example.com/cat.png"));
                expectedParam = "messages[0].content";
                break;
            case "image-type":
                request.Messages[0].Content.Add(ContentPart.FromImageUrl("data:image/tiff;base64,AAAA"));
                expectedParam = "messages[0].content";
                break;
            default:
                request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = [new ToolCall("a", "f", "[1]")] });
                expectedParam = "messages[1].tool_calls[0].function.arguments";
                break;
        }

        using var body = new PooledBufferWriter();
        var error = BedrockRequestWriter.Write(request, body);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal(expectedParam, error.Param);
        Assert.Contains(problem == "image-url" ? "https://example.com/cat.png" : "", error.Message, StringComparison.Ordinal);
    }

    internal static ChatRequest UserRequest(string text)
    {
        var request = new ChatRequest();
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText(text)] });
        return request;
    }

    private static ToolDefinition WeatherTool(string schema) =>
        new("get_weather", "Get the current weather in a given location", JsonDocument.Parse(schema).RootElement);

    private static JsonNode Write(ChatRequest request)
    {
        using var body = new PooledBufferWriter();
        Assert.Null(BedrockRequestWriter.Write(request, body));
        return JsonNode.Parse(body.WrittenSpan)!;
    }

    private static void AssertJson(string fixture, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Fixture.Text(fixture)), actual), actual.ToJsonString());
}
