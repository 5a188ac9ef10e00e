using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIResponseReaderTests
{
    [Theory]
    [InlineData("openai-chat-response.json", "chatcmpl-ADx3PvAnCwJg0woha4pYsBTi3ZpOI", "gpt-4o-mini-2024-07-18", "Hello! How can I assist you today?")]
    [InlineData("azure-openai-chat-response.json", "chatcmpl-AzK9p1XoQbT4f3cUu8yDw2mR5sLhN", "gpt-4o-2024-08-06", "Hello! How can I help today?")]
    public void Read_TextResponse_GivesTextStopAndUsage(string fixture, string id, string model, string text)
    {
        var response = OpenAIResponseReader.Read(FixtureRequests.Root(fixture));

        Assert.Equal(id, response.Id);
        Assert.Equal(model, response.UpstreamModel);
        var choice = Assert.Single(response.Choices);
        Assert.Equal(text, choice.Text);
        Assert.Empty(choice.ToolCalls);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Equal(new TokenUsage(8, 9), response.Usage);
    }

    [Fact]
    public void Read_ToolCallResponse_GivesCallsAndNoText()
    {
        var response = OpenAIResponseReader.Read(FixtureRequests.Root("openai-chat-response-tool-calls.json"));

        var choice = Assert.Single(response.Choices);
        Assert.Null(choice.Text);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Equal(new ToolCall("call_8qbINM045wlmKZt9bVJgwAym", "GetPersonAge", """{"personName":"Alice"}"""), Assert.Single(choice.ToolCalls));
        Assert.Equal(new TokenUsage(61, 16), response.Usage);
    }

    [Fact]
    public void Read_MistralToolCalls_EmptyContentIsNoText()
    {
        var response = OpenAIResponseReader.Read(FixtureRequests.Root("mistral-chat-response-tool-calls.json"));

        var choice = Assert.Single(response.Choices);
        Assert.Null(choice.Text);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        Assert.Equal(new ToolCall("D681PevKs", "get_weather", """{"location": "Paris"}"""), Assert.Single(choice.ToolCalls));
        Assert.Equal(new TokenUsage(92, 24), response.Usage);
    }

    [Theory]
    [InlineData("stop", FinishReason.Stop)]
    [InlineData("length", FinishReason.Length)]
    [InlineData("model_length", FinishReason.Length)]
    [InlineData("error", FinishReason.Stop)]
    [InlineData("eos", FinishReason.Stop)]
    [InlineData("tool_calls", FinishReason.ToolCalls)]
    [InlineData("function_call", FinishReason.ToolCalls)]
    [InlineData("content_filter", FinishReason.ContentFilter)]
    public void Read_FinishReason_MapsToCanonical(string reason, FinishReason expected)
    {
        var response = Read($$"""{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"{{reason}}"}]}""");

        Assert.Equal(expected, response.Choices[0].FinishReason);
    }

    [Fact]
    public void Read_UsageDetails_GiveCachedAndReasoningTokens()
    {
        var response = Read("""
            {"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"hi","reasoning_content":"Let me think."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                      "prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":256}}}
            """);

        Assert.Equal(new TokenUsage(2006, 300, CachedInputTokens: 1920, ReasoningTokens: 256), response.Usage);
        Assert.Equal("Let me think.", response.Choices[0].Reasoning);
    }

    [Fact]
    public void Read_OllamaReasoningAndVllmStopReason_AreKept()
    {
        var response = Read("""
            {"id":"chatcmpl-1","model":"qwen3","system_fingerprint":"fp_ollama",
             "choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning":"6 times 7"},"finish_reason":"stop","stop_reason":"###"}],
             "usage":{"prompt_tokens":0,"completion_tokens":5,"total_tokens":5,"prompt_tokens_details":null}}
            """);

        var choice = response.Choices[0];
        Assert.Equal("6 times 7", choice.Reasoning);
        Assert.Equal(FinishReason.StopSequence, choice.FinishReason);
        Assert.Equal("###", choice.StopSequence);
        Assert.Equal(new TokenUsage(0, 5), response.Usage);
    }

    [Fact]
    public void Read_LegacyFunctionCallAndMissingId_SynthesisesCallId()
    {
        var response = Read("""
            {"id":"x","choices":[
              {"index":0,"message":{"role":"assistant","content":null,"function_call":{"name":"f","arguments":"{\"a\":1}"}},"finish_reason":"function_call"},
              {"index":1,"message":{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"g","arguments":""}}]},"finish_reason":"stop"}]}
            """);

        var legacy = Assert.Single(response.Choices[0].ToolCalls);
        Assert.Equal(("f", """{"a":1}"""), (legacy.Name, legacy.Arguments));
        Assert.Matches("^call_[a-zA-Z0-9]{24}$", legacy.Id);
        var second = response.Choices[1];
        Assert.Equal(1, second.Index);
        Assert.Equal("{}", Assert.Single(second.ToolCalls).Arguments);
        Assert.Equal(FinishReason.ToolCalls, second.FinishReason);
    }

    private static ChatResponse Read(string json) => OpenAIResponseReader.Read(JsonDocument.Parse(json).RootElement);
}
