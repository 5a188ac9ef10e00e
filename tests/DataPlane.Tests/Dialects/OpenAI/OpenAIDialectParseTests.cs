using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>Golden tests: each recorded OpenAI request fixture parsed into the canonical request.</summary>
public class OpenAIDialectParseTests
{
    [Fact]
    public void Parse_BasicFixture_MapsSamplingUserAndExtras()
    {
        var (request, fixture) = ParseFixture("openai-chat-request-basic.json");

        Assert.Equal("gpt-4o-mini", request.Model);
        Assert.Equal(["You are a really nice friend."], request.System);
        var user = Assert.Single(request.Messages);
        Assert.Equal(ChatRole.User, user.Role);
        Assert.Equal("hello", user.Text);
        Assert.Equal(20, request.MaxTokens);
        Assert.Equal(0.5, request.Temperature);
        Assert.Equal(1, request.N);
        Assert.Equal("user-1234", request.User);
        Assert.False(request.Stream);
        Assert.False(request.IncludeUsage);
        Assert.NotNull(request.Extra);
        Assert.Equal(["metadata", "store"], request.Extra.Keys.Order(StringComparer.Ordinal));
        Assert.True(JsonElement.DeepEquals(fixture.GetProperty("metadata"), request.Extra["metadata"]));
        Assert.Equal(JsonValueKind.True, request.Extra["store"].ValueKind);
    }

    [Fact]
    public void Parse_JsonSchemaFixture_MapsDeveloperAndResponseFormat()
    {
        var (request, fixture) = ParseFixture("openai-chat-request-json-schema.json");

        Assert.Equal(["Extract the event information."], request.System);
        Assert.Equal("Alice and Bob are going to a science fair on Friday.", Assert.Single(request.Messages).Text);
        var format = request.ResponseFormat!;
        Assert.Equal(ResponseFormatKind.JsonSchema, format.Kind);
        Assert.Equal("calendar_event", format.Name);
        Assert.True(format.Strict);
        Assert.Null(format.Description);
        var expectedSchema = fixture.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
        Assert.True(JsonElement.DeepEquals(expectedSchema, format.Schema!.Value));
        Assert.Equal(200, request.MaxTokens);
        Assert.Null(request.Extra);
    }

    [Fact]
    public void Parse_StreamUsageFixture_SetsStreamAndIncludeUsage()
    {
        var (request, _) = ParseFixture("openai-chat-request-stream-usage.json");

        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(20, request.MaxTokens);
        Assert.Equal(0.5, request.Temperature);
        Assert.Empty(request.System);
        Assert.Null(request.Extra);
    }

    [Fact]
    public void Parse_ToolResultFixture_MapsToolCallsAndNamesTheToolTurn()
    {
        var (request, fixture) = ParseFixture("openai-chat-request-tool-result.json");

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool], request.Messages.Select(m => m.Role));
        var assistant = request.Messages[1];
        Assert.Empty(assistant.Content);
        var expectedCall = fixture.GetProperty("messages")[1].GetProperty("tool_calls")[0];
        var call = Assert.Single(assistant.ToolCalls);
        Assert.Equal(new ToolCall(
            expectedCall.GetProperty("id").GetString()!,
            expectedCall.GetProperty("function").GetProperty("name").GetString()!,
            expectedCall.GetProperty("function").GetProperty("arguments").GetString()!), call);
        var tool = request.Messages[2];
        Assert.Equal(call.Id, tool.ToolCallId);
        Assert.Equal("GetPersonAge", tool.ToolName);
        Assert.Equal("42", tool.Text);

        var expectedTool = fixture.GetProperty("tools")[0].GetProperty("function");
        var definition = Assert.Single(request.Tools);
        Assert.Equal("GetPersonAge", definition.Name);
        Assert.Equal(expectedTool.GetProperty("description").GetString(), definition.Description);
        Assert.True(JsonElement.DeepEquals(expectedTool.GetProperty("parameters"), definition.Parameters));
        Assert.Null(definition.Strict);
        Assert.Null(request.ToolChoice);
    }

    [Fact]
    public void Parse_ToolsImageFixture_MapsImagePartToolsAndChoice()
    {
        var (request, fixture) = ParseFixture("openai-chat-request-tools-image.json");

        Assert.Equal(["You are a helpful assistant."], request.System);
        var content = Assert.Single(request.Messages).Content;
        Assert.Equal(2, content.Count);
        Assert.Equal(ContentPartKind.Text, content[0].Kind);
        Assert.Equal("What city is shown in this photo, and what is the weather there right now?", content[0].Text);
        var image = content[1];
        var url = fixture.GetProperty("messages")[1].GetProperty("content")[1].GetProperty("image_url").GetProperty("url").GetString()!;
        Assert.Equal(ContentPartKind.Image, image.Kind);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..], image.Data);
        Assert.Null(image.Url);
        Assert.Equal("low", image.Detail);
        Assert.Equal(url, image.ToUrl());

        var tool = Assert.Single(request.Tools);
        Assert.Equal("get_weather", tool.Name);
        Assert.True(JsonElement.DeepEquals(fixture.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters"), tool.Parameters));
        Assert.Equal(ToolChoice.Auto, request.ToolChoice);
        Assert.True(request.ParallelToolCalls);
        Assert.Equal(256, request.MaxTokens);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Fact]
    public void Parse_ExtraValues_OutliveTheBody()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"x"}],"min_p":0.1,"logit_bias":{"50256":-100}}""");

        var request = OpenAIDialectHarness.Parse(body);
        Array.Clear(body);

        Assert.Equal(0.1, request.Extra!["min_p"].GetDouble());
        Assert.Equal(-100, request.Extra["logit_bias"].GetProperty("50256").GetInt32());
    }

    private static (ChatRequest Request, JsonElement Fixture) ParseFixture(string name)
    {
        var bytes = Fixture.Bytes(name);
        return (OpenAIDialectHarness.Parse(bytes), JsonDocument.Parse(bytes).RootElement);
    }
}
