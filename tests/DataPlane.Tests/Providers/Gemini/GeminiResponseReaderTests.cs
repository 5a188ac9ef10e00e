using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Tests.Infrastructure;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiResponseReaderTests
{
    [Fact]
    public void Read_TextResponse_MapsTextFinishUsageAndIds()
    {
        var fixture = Json(Fixture.Text("gemini-generatecontent-response.json"));

        var response = GeminiResponseReader.Read(fixture).Value!;

        var choice = Assert.Single(response.Choices);
        Assert.Equal("Hello! How can I help you today?\n", choice.Text);
        Assert.Null(choice.Reasoning);
        Assert.Empty(choice.ToolCalls);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.Equal(fixture.GetProperty("responseId").GetString(), response.Id);
        Assert.Equal("gemini-2.0-flash", response.UpstreamModel);
        Assert.Equal(new TokenUsage(8, 10), response.Usage);
        Assert.Equal(fixture.GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32(), response.Usage.TotalTokens);
    }

    [Fact]
    public void Read_FunctionCallResponse_MatchesOpenAIMapping()
    {
        var mapping = Json(Fixture.Text("mapping-gemini-response-to-openai.json"));
        var expected = mapping.GetProperty("openai_response");
        var expectedChoice = expected.GetProperty("choices")[0];
        var expectedCall = expectedChoice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");
        var usage = expected.GetProperty("usage");

        var response = GeminiResponseReader.Read(Json(Fixture.Text("gemini-generatecontent-response-function-call.json"))).Value!;

        var choice = Assert.Single(response.Choices);
        Assert.Null(choice.Text);
        Assert.Equal("tool_calls", expectedChoice.GetProperty("finish_reason").GetString());
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        var call = Assert.Single(choice.ToolCalls);
        Assert.Matches("^call_[A-Za-z0-9]{24}(__thought__[A-Za-z0-9_-]+)?$", call.Id);
        Assert.Equal(expectedCall.GetProperty("name").GetString(), call.Name);
        AssertJsonEqual(Json(expectedCall.GetProperty("arguments").GetString()!), Json(call.Arguments));
        Assert.Equal("CiQB0e2Kb3dRh8m1Zr3q1m9UPb6yQ0m7dFz2kVw0cE4rS9xYv6I=", call.Signature);
        Assert.Equal(expected.GetProperty("id").GetString(), response.Id);
        Assert.Equal(expected.GetProperty("model").GetString(), response.UpstreamModel);
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32(), response.Usage.InputTokens);
        Assert.Equal(usage.GetProperty("completion_tokens").GetInt32(), response.Usage.OutputTokens);
        Assert.Equal(usage.GetProperty("total_tokens").GetInt32(), response.Usage.TotalTokens);
        Assert.Equal(usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32(), response.Usage.ReasoningTokens);
        Assert.Equal(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32(), response.Usage.CachedInputTokens);
    }

    [Theory]
    [InlineData("STOP", FinishReason.Stop)]
    [InlineData("MAX_TOKENS", FinishReason.Length)]
    [InlineData("SAFETY", FinishReason.ContentFilter)]
    [InlineData("BLOCKLIST", FinishReason.ContentFilter)]
    [InlineData("PROHIBITED_CONTENT", FinishReason.ContentFilter)]
    [InlineData("SPII", FinishReason.ContentFilter)]
    [InlineData("IMAGE_SAFETY", FinishReason.ContentFilter)]
    [InlineData("LANGUAGE", FinishReason.ContentFilter)]
    [InlineData("RECITATION", FinishReason.ContentFilter)]
    [InlineData("OTHER", FinishReason.Stop)]
    [InlineData("MALFORMED_FUNCTION_CALL", FinishReason.Stop)]
    [InlineData("FINISH_REASON_UNSPECIFIED", FinishReason.Stop)]
    public void Read_FinishReason_MapsToCanonical(string reason, FinishReason expected)
    {
        var body = $$"""{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"{{reason}}","index":0}]}""";

        Assert.Equal(expected, GeminiResponseReader.Read(Json(body)).Value!.Choices[0].FinishReason);
    }

    [Fact]
    public void Read_ThoughtPartsAndSeveralCandidates_SplitReasoningPerChoice()
    {
        var body = """
            {"candidates":[
              {"content":{"parts":[{"text":"Let me think.","thought":true},{"text":"Hel"},{"text":"lo"}],"role":"model"},"finishReason":"STOP","index":0},
              {"content":{"parts":[{"text":"Hi"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}],
             "usageMetadata":{"promptTokenCount":4,"candidatesTokenCount":6,"thoughtsTokenCount":20,"cachedContentTokenCount":2}}
            """;

        var response = GeminiResponseReader.Read(Json(body)).Value!;

        Assert.Equal(["Hello", "Hi"], response.Choices.Select(c => c.Text));
        Assert.Equal("Let me think.", response.Choices[0].Reasoning);
        Assert.Equal([0, 1], response.Choices.Select(c => c.Index));
        Assert.Equal(FinishReason.Length, response.Choices[1].FinishReason);
        Assert.Equal(new TokenUsage(4, 26, CachedInputTokens: 2, ReasoningTokens: 20), response.Usage);
    }

    [Fact]
    public void Read_BlockedPromptWithoutCandidates_IsContentFilterError()
    {
        var body = """{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9}}""";

        var error = GeminiResponseReader.Read(Json(body)).Error!;

        Assert.Equal(GatewayErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(400, error.Status);
        Assert.Equal("content_filter", error.Code);
        Assert.Contains("SAFETY", error.Message, StringComparison.Ordinal);
    }
}
