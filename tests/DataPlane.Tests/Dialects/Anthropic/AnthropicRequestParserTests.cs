using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.Anthropic;

public class AnthropicRequestParserTests
{
    private static readonly AnthropicDialect Dialect = new();

    [Fact]
    public void Parse_RequestFixture_MapsEveryField()
    {
        var request = Parse(Fixture.Text("anthropic-messages-request.json"));

        Assert.Equal("claude-sonnet-4-20250514", request.Model);
        Assert.Equal(1024, request.MaxTokens);
        Assert.Equal(["You are a concise weather assistant."], request.System);
        var message = Assert.Single(request.Messages);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Collection(message.Content,
            image =>
            {
                Assert.Equal(ContentPartKind.Image, image.Kind);
                Assert.Equal("image/png", image.MediaType);
                Assert.StartsWith("iVBORw0KGgo", image.Data, StringComparison.Ordinal);
                Assert.Null(image.Url);
            },
            text => Assert.Equal("This photo is from Paris. What's the weather there right now?", text.Text));
        var tool = Assert.Single(request.Tools);
        Assert.Equal("get_weather", tool.Name);
        Assert.Equal("Get the current weather in a given location", tool.Description);
        Assert.Equal(["location"], tool.Parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ToolChoice.Auto, request.ToolChoice);
        Assert.Null(request.ParallelToolCalls);
        Assert.Equal(["###"], request.Stop!);
        Assert.Equal(0.7, request.Temperature);
        Assert.Equal("user-1234", request.User);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Fact]
    public void Parse_ToolResultFixture_BuildsAssistantCallAndToolTurn()
    {
        var request = Parse(Fixture.Text("anthropic-messages-request-tool-result.json"));

        Assert.Equal(["You are a concise weather assistant."], request.System);
        Assert.False(request.Stream);
        Assert.Collection(request.Messages,
            user => Assert.Equal((ChatRole.User, "What's the weather in Paris?"), (user.Role, user.Text)),
            assistant =>
            {
                Assert.Equal(ChatRole.Assistant, assistant.Role);
                Assert.Equal("I'll check the current weather in Paris for you.", assistant.Text);
                var call = Assert.Single(assistant.ToolCalls);
                Assert.Equal(("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather"), (call.Id, call.Name));
                JsonCompare.Equal("""{"location":"Paris"}""", call.Arguments);
            },
            result =>
            {
                Assert.Equal(ChatRole.Tool, result.Role);
                Assert.Equal("toolu_01NRLabsLyVHZPKxbKvkfSMn", result.ToolCallId);
                Assert.Equal("get_weather", result.ToolName);
                Assert.Equal("15 degrees celsius, light rain", result.Text);
                Assert.False(result.IsError);
            });
    }

    [Fact]
    public void Parse_UserTurnWithResultsAndText_PutsToolMessagesFirst()
    {
        var request = Parse("""
            {"model":"m","max_tokens":10,"messages":[
              {"role":"user","content":"go"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"s"},{"type":"tool_use","id":"t1","name":"a","input":{}},{"type":"tool_use","id":"t2","name":"b","input":{"x":[1,2]}}]},
              {"role":"user","content":[{"type":"text","text":"here you go"},{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"one"},{"type":"image","source":{"type":"url","url":"https://x/y.png"}}]},{"type":"tool_result","tool_use_id":"t2","is_error":true,"content":"boom"}]}]}
            """);

        Assert.Collection(request.Messages,
            _ => { },
            assistant =>
            {
                Assert.Empty(assistant.Content);
                Assert.Equal(["a", "b"], assistant.ToolCalls.Select(c => c.Name));
                Assert.Equal("{}", assistant.ToolCalls[0].Arguments);
            },
            first =>
            {
                Assert.Equal((ChatRole.Tool, "t1", "a", false), (first.Role, first.ToolCallId, first.ToolName, first.IsError));
                Assert.Equal([ContentPartKind.Text, ContentPartKind.Image], first.Content.Select(p => p.Kind));
                Assert.Equal("https://x/y.png", first.Content[1].Url);
            },
            second => Assert.Equal((ChatRole.Tool, "t2", "b", true, "boom"), (second.Role, second.ToolCallId, second.ToolName, second.IsError, second.Text)),
            user => Assert.Equal((ChatRole.User, "here you go"), (user.Role, user.Text)));
    }

    [Theory]
    [InlineData("""{"type":"auto","disable_parallel_tool_use":true}""", ToolChoiceMode.Auto, null, false)]
    [InlineData("""{"type":"any"}""", ToolChoiceMode.Required, null, null)]
    [InlineData("""{"type":"none"}""", ToolChoiceMode.None, null, null)]
    [InlineData("""{"type":"tool","name":"get_weather"}""", ToolChoiceMode.Named, "get_weather", null)]
    public void Parse_ToolChoice_MapsModeNameAndParallel(string choice, ToolChoiceMode mode, string? name, bool? parallel)
    {
        var request = Parse($$"""{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"x"}],"tool_choice":{{choice}}}""");

        Assert.Equal(new ToolChoice(mode, name), request.ToolChoice);
        Assert.Equal(parallel, request.ParallelToolCalls);
    }

    [Fact]
    public void Parse_SamplingThinkingAndMedia_AreMapped()
    {
        var request = Parse("""
            {"model":"m","max_tokens":2048,"top_p":0.9,"top_k":40,"thinking":{"type":"enabled","budget_tokens":1024},"service_tier":"auto",
             "system":[{"type":"text","text":"one"},{"type":"text","text":"two","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},
               {"type":"document","source":{"type":"url","url":"https://x/doc.pdf"}},
               {"type":"image","source":{"type":"url","url":"https://x/cat.jpg"},"cache_control":{"type":"ephemeral"}}]}]}
            """);

        Assert.Equal((0.9, 40, 1024), (request.TopP, request.TopK, request.ThinkingBudget));
        Assert.Equal(["one", "two"], request.System);
        var parts = Assert.Single(request.Messages).Content;
        Assert.Equal([ContentPartKind.Document, ContentPartKind.Document, ContentPartKind.Image], parts.Select(p => p.Kind));
        Assert.Equal(("application/pdf", "JVBERi0="), (parts[0].MediaType, parts[0].Data));
        Assert.Equal("https://x/doc.pdf", parts[1].Url);
        Assert.Equal("https://x/cat.jpg", parts[2].Url);
        Assert.False(request.Stream);
    }

    [Fact]
    public void Parse_CountTokensWithoutMaxTokens_Succeeds()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"m","messages":[{"role":"user","content":"x"}]}""");

        Assert.NotNull(Dialect.Parse(body, requireMaxTokens: false, out var error));
        Assert.Null(error);
        Assert.Null(Dialect.Parse(body, out error));
        Assert.Equal("max_tokens: Field required", error!.Message);
    }

    private static ChatRequest Parse(string body)
    {
        var request = Dialect.Parse(Encoding.UTF8.GetBytes(body), out var error);
        Assert.Null(error);
        return Assert.IsType<ChatRequest>(request);
    }
}
