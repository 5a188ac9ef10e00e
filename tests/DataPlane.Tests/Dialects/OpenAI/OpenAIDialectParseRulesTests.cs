using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>Parsing rules beyond the fixtures: precedence, defaults and the less common shapes.</summary>
public class OpenAIDialectParseRulesTests
{
    [Fact]
    public void Parse_EitherTokenLimit_IsTheLimitAndNamesTheCallersField()
    {
        var completion = Parse(""" "max_completion_tokens":50 """);
        var legacy = Parse(""" "max_tokens":10 """);

        Assert.Equal((50, "max_completion_tokens"), (completion.MaxTokens, completion.MaxTokensParam));
        Assert.Equal((10, "max_tokens"), (legacy.MaxTokens, legacy.MaxTokensParam));
    }

    [Fact]
    public void Parse_SafetyIdentifier_IsTheUserWhenUserIsAbsent()
    {
        Assert.Equal("sid", Parse(""" "safety_identifier":"sid" """).User);
        Assert.Equal("u", Parse(""" "safety_identifier":"sid","user":"u" """).User);
    }

    [Fact]
    public void Parse_StreamOptionsWithoutStream_DoesNotIncludeUsage()
    {
        var request = Parse(""" "stream_options":{"include_usage":true} """);

        Assert.False(request.Stream);
        Assert.False(request.IncludeUsage);
    }

    [Fact]
    public void Parse_SamplingFields_AreMapped()
    {
        var request = Parse(""" "stop":"END","top_p":0.9,"seed":-7,"n":3,"frequency_penalty":-1.5,"presence_penalty":2,"reasoning_effort":"high","parallel_tool_calls":false """);

        Assert.Equal(["END"], request.Stop);
        Assert.Equal(0.9, request.TopP);
        Assert.Equal(-7, request.Seed);
        Assert.Equal(3, request.N);
        Assert.Equal(-1.5, request.FrequencyPenalty);
        Assert.Equal(2, request.PresencePenalty);
        Assert.Equal("high", request.ReasoningEffort);
        Assert.False(request.ParallelToolCalls);
        Assert.Equal(["a", "b"], Parse(""" "stop":["a","b"] """).Stop);
    }

    [Fact]
    public void Parse_NullOptionalFields_AreTreatedAsAbsent()
    {
        var request = Parse(""" "temperature":null,"stop":null,"tools":null,"tool_choice":null,"response_format":null,"stream":null,"max_tokens":null """);

        Assert.Null(request.Temperature);
        Assert.Null(request.Stop);
        Assert.Empty(request.Tools);
        Assert.Null(request.ToolChoice);
        Assert.Null(request.ResponseFormat);
        Assert.False(request.Stream);
        Assert.Null(request.MaxTokens);
        Assert.Null(request.Extra);
    }

    [Fact]
    public void Parse_SystemAndDeveloperParts_JoinInOrder()
    {
        var request = ParseMessages("""
            {"role":"developer","content":[{"type":"text","text":"A"},{"type":"text","text":"B"}]},
            {"role":"user","content":"hi"},
            {"role":"system","content":"C"}
            """);

        Assert.Equal(["A\nB", "C"], request.System);
        Assert.Single(request.Messages);
    }

    [Fact]
    public void Parse_AssistantPartsAndEmptyArguments_BecomeTextAndEmptyObject()
    {
        var request = ParseMessages("""
            {"role":"user","content":"go","name":"bob"},
            {"role":"assistant","content":[{"type":"text","text":"Sure"},{"type":"refusal","refusal":" no"}],
             "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":""}}]},
            {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"r1"},{"type":"text","text":"r2"}]},
            {"role":"tool","tool_call_id":"unknown","content":"x"}
            """);

        Assert.Equal("bob", request.Messages[0].Name);
        var assistant = request.Messages[1];
        Assert.Equal("Sure no", assistant.Text);
        Assert.Equal(new ToolCall("c1", "f", "{}"), Assert.Single(assistant.ToolCalls));
        Assert.Equal("f", request.Messages[2].ToolName);
        Assert.Equal("r1r2", request.Messages[2].Text);
        Assert.Equal(2, request.Messages[2].Content.Count);
        Assert.Null(request.Messages[3].ToolName);
    }

    [Fact]
    public void Parse_MediaParts_BecomeImagesAndDocuments()
    {
        var request = ParseMessages("""
            {"role":"user","content":[
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}},
              {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0x"}},
              {"type":"file","file":{"filename":"b.pdf","file_data":"JVBERi0y"}}
            ]}
            """);

        var parts = request.Messages[0].Content;
        Assert.Equal((ContentPartKind.Image, "https://example.com/cat.jpg", "high"), (parts[0].Kind, parts[0].Url, parts[0].Detail));
        Assert.Equal((ContentPartKind.Document, "application/pdf", "JVBERi0x"), (parts[1].Kind, parts[1].MediaType, parts[1].Data));
        Assert.Equal((ContentPartKind.Document, "application/pdf", "JVBERi0y"), (parts[2].Kind, parts[2].MediaType, parts[2].Data));
    }

    [Fact]
    public void Parse_ToolDefaultsAndNamedChoice_AreMapped()
    {
        var request = Parse("""
            "tools":[{"type":"function","function":{"name":"no_params","strict":true}}],
            "tool_choice":{"type":"function","function":{"name":"no_params"}},
            "response_format":{"type":"json_object"}
            """);

        var tool = Assert.Single(request.Tools);
        Assert.True(tool.Strict);
        Assert.Null(tool.Description);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement, tool.Parameters));
        Assert.Equal(new ToolChoice(ToolChoiceMode.Named, "no_params"), request.ToolChoice);
        Assert.Equal(ResponseFormatKind.JsonObject, request.ResponseFormat!.Kind);
        Assert.Equal(ToolChoice.Required, Parse(""" "tool_choice":"required" """).ToolChoice);
        Assert.Equal(ToolChoice.None, Parse(""" "tool_choice":"none" """).ToolChoice);
    }

    /// <summary>Parses a body made of the given top-level fields plus a model and one user message.</summary>
    private static ChatRequest Parse(string fields) => OpenAIDialectHarness.Parse(Encoding.UTF8.GetBytes(
        """{"model":"m","messages":[{"role":"user","content":"hi"}],""" + fields + "}"));

    /// <summary>Parses a body with the given messages.</summary>
    private static ChatRequest ParseMessages(string messages) =>
        OpenAIDialectHarness.Parse(Encoding.UTF8.GetBytes("""{"model":"m","messages":[""" + messages + "]}"));
}
