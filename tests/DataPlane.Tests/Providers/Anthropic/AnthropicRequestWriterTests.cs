using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using static Switchyard.DataPlane.Tests.Providers.Anthropic.AnthropicTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

public class AnthropicRequestWriterTests
{
    [Fact]
    public void Write_MappingFixtureRequest_MatchesExpectedAnthropicRequest()
    {
        var mapping = JsonDocument.Parse(Fixture.Text("mapping-openai-request-to-anthropic.json")).RootElement;
        var request = OpenAIFixtureRequest.ToCanonical(mapping.GetProperty("openai_request"));

        var body = Body(request, stream: request.Stream);

        JsonEqual(mapping.GetProperty("anthropic_request"), body);
    }

    [Fact]
    public void Write_ToolResultHistory_MatchesAnthropicToolResultFixture()
    {
        var expected = JsonNode.Parse(Fixture.Text("anthropic-messages-request-tool-result.json"))!;
        expected["system"]![0]!.AsObject().Remove("cache_control"); // The canonical model carries no cache hints.
        var tool = JsonDocument.Parse(Fixture.Text("anthropic-messages-request-tool-result.json")).RootElement.GetProperty("tools")[0];
        var request = new ChatRequest { Model = "weather", MaxTokens = 1024 };
        request.System.Add("You are a concise weather assistant.");
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("What's the weather in Paris?")] });
        request.Messages.Add(new ChatMessage
        {
            Role = ChatRole.Assistant,
            Content = [ContentPart.FromText("I'll check the current weather in Paris for you.")],
            ToolCalls = [new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", """{"location": "Paris"}""")],
        });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "toolu_01NRLabsLyVHZPKxbKvkfSMn", Content = [ContentPart.FromText("15 degrees celsius, light rain")] });
        request.Tools.Add(new ToolDefinition("get_weather", tool.GetProperty("description").GetString(), tool.GetProperty("input_schema").Clone()));

        JsonEqual(JsonDocument.Parse(expected.ToJsonString()).RootElement, Body(request));
    }

    [Fact]
    public void Write_OpenAIToolResultFixture_AnswersToolUseInFollowingUserTurn()
    {
        var request = OpenAIFixtureRequest.ToCanonical(JsonDocument.Parse(Fixture.Text("openai-chat-request-tool-result.json")).RootElement);

        var body = Body(request);

        var messages = body.GetProperty("messages");
        Assert.Equal(["user", "assistant", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("How old is Alice?", messages[0].GetProperty("content").GetString());
        var toolUse = Assert.Single(messages[1].GetProperty("content").EnumerateArray());
        JsonEqual(JsonDocument.Parse("""{"type":"tool_use","id":"call_8qbINM045wlmKZt9bVJgwAym","name":"GetPersonAge","input":{"personName":"Alice"}}""").RootElement, toolUse);
        var result = Assert.Single(messages[2].GetProperty("content").EnumerateArray());
        JsonEqual(JsonDocument.Parse("""{"type":"tool_result","tool_use_id":"call_8qbINM045wlmKZt9bVJgwAym","content":"42"}""").RootElement, result);
        Assert.Equal("GetPersonAge", body.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal(AnthropicRequestWriter.DefaultMaxTokens, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(UpstreamModel, body.GetProperty("model").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void Write_OpenAIToolsImageFixture_TranslatesImageToolsAndChoice()
    {
        var request = OpenAIFixtureRequest.ToCanonical(JsonDocument.Parse(Fixture.Text("openai-chat-request-tools-image.json")).RootElement);

        var body = Body(request, stream: true);

        Assert.Equal(256, body.GetProperty("max_tokens").GetInt32());
        Assert.True(body.GetProperty("stream").GetBoolean());
        JsonEqual(JsonDocument.Parse("""[{"type":"text","text":"You are a helpful assistant."}]""").RootElement, body.GetProperty("system"));
        var image = body.GetProperty("messages")[0].GetProperty("content")[1];
        JsonEqual(JsonDocument.Parse("""{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="}}""").RootElement, image);
        JsonEqual(JsonDocument.Parse("""{"type":"auto"}""").RootElement, body.GetProperty("tool_choice"));
        Assert.Equal(["location", "unit"], body.GetProperty("tools")[0].GetProperty("input_schema").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Theory]
    [InlineData(null, null, 4096)]
    [InlineData(null, "8192", 8192)]
    [InlineData(300, "8192", 300)]
    public void Write_MaxTokens_RequestThenSettingThenDefault(int? requested, string? setting, int expected)
    {
        var request = Simple();
        request.MaxTokens = requested;
        var deployment = Deployment(settings: setting is null ? null : new() { ["maxTokens"] = setting });

        Assert.Equal(expected, Body(request, deployment).GetProperty("max_tokens").GetInt32());
    }

    [Theory]
    [InlineData(null, 2048)]
    [InlineData("8192", 2048)]
    [InlineData("1000", 1000)]
    public void Write_NoRequestedMaxTokens_DefaultNeverExceedsTheModelsOutputLimit(string? setting, int expected)
    {
        var request = Simple();
        var template = Deployment(settings: setting is null ? null : new() { ["maxTokens"] = setting });
        var deployment = new RuntimeDeployment(template.Snapshot with { Capabilities = new ModelCapabilities(MaxOutputTokens: 2048) }, AnthropicTestSupport.Secret);

        Assert.Equal(expected, Body(request, deployment).GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void Write_Sampling_ClampsTemperatureMapsThinkingAndDropsUnsupportedFields()
    {
        var request = Simple();
        request.Temperature = 1.6;
        request.TopP = 0.9;
        request.TopK = 40;
        request.Seed = 42;
        request.FrequencyPenalty = 0.5;
        request.PresencePenalty = 0.5;
        request.ThinkingBudget = 2048;
        request.Stop = ["END", "STOP"];

        var body = Body(request);

        Assert.Equal(1, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.Equal(40, body.GetProperty("top_k").GetInt32());
        Assert.Equal(["END", "STOP"], body.GetProperty("stop_sequences").EnumerateArray().Select(s => s.GetString()));
        JsonEqual(JsonDocument.Parse("""{"type":"enabled","budget_tokens":2048}""").RootElement, body.GetProperty("thinking"));
        var names = body.EnumerateObject().Select(p => p.Name).ToList();
        Assert.DoesNotContain("seed", names);
        Assert.DoesNotContain("frequency_penalty", names);
        Assert.DoesNotContain("presence_penalty", names);
        Assert.DoesNotContain("n", names);
    }

    [Theory]
    [InlineData("named", false, """{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""")]
    [InlineData("none", false, """{"type":"none"}""")]
    [InlineData(null, false, """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("required", true, """{"type":"any"}""")]
    public void Write_ToolChoice_MapsModeAndParallelFlag(string? mode, bool parallel, string expected)
    {
        var request = WithTool();
        request.ToolChoice = mode switch { "named" => new ToolChoice(ToolChoiceMode.Named, "get_weather"), "none" => ToolChoice.None, "required" => ToolChoice.Required, _ => null };
        request.ParallelToolCalls = parallel;

        JsonEqual(JsonDocument.Parse(expected).RootElement, Body(request).GetProperty("tool_choice"));
    }

    [Fact]
    public void Write_JsonSchema_AddsForcedSchemaTool()
    {
        var request = WithTool();
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, "city_answer", schema, true);

        var body = Body(request);

        var tools = body.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["get_weather", "city_answer"], tools.Select(t => t.GetProperty("name").GetString()));
        JsonEqual(schema, tools[1].GetProperty("input_schema"));
        JsonEqual(JsonDocument.Parse("""{"type":"tool","name":"city_answer"}""").RootElement, body.GetProperty("tool_choice"));
        Assert.False(body.TryGetProperty("response_format", out _));
    }

    [Fact]
    public void Write_JsonObject_AddsSystemInstruction()
    {
        var request = Simple();
        request.System.Add("Be brief.");
        request.ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject);

        var system = Body(request).GetProperty("system").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();

        Assert.Equal(["Be brief.", AnthropicRequestWriter.JsonObjectInstruction], system);
    }

    [Fact]
    public void Write_CountTokens_KeepsPromptAndDropsGenerationFields()
    {
        var request = WithTool();
        request.System.Add("Be brief.");
        request.Temperature = 0.5;
        request.Stop = ["x"];
        request.User = "u1";

        var body = Body(request, stream: true, countTokens: true);

        Assert.Equal(["model", "system", "messages", "tools"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Validate_SeveralChoices_RefusesNamingN()
    {
        var request = Simple();
        request.N = 2;

        var error = AnthropicRequestWriter.Validate(request);

        Assert.Equal((GatewayErrorKind.InvalidRequest, 400, "n"), (error!.Kind, error.Status, error.Param));
        request.N = 1;
        Assert.Null(AnthropicRequestWriter.Validate(request));
    }

    internal static ChatRequest Simple()
    {
        var request = new ChatRequest { Model = "claude" };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("Hi")] });
        return request;
    }

    private static ChatRequest WithTool()
    {
        var request = Simple();
        request.Tools.Add(new ToolDefinition("get_weather", "Weather", JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement));
        return request;
    }
}
