using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Gateway;
using Switchyard.DataPlane.Providers.Mock;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Mock;

public class MockProviderAdapterTests
{
    private const string Body = """{"model":"gpt-mock","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Say hello"}]}""";

    [Fact]
    public async Task ChatCompletionsAsync_NonStream_WritesValidCompletionWithUsage()
    {
        var (context, state) = Create(stream: false, includeUsage: false);

        await new MockProviderAdapter(new FakeTimeProvider()).ChatCompletionsAsync(context, state);

        using var doc = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray());
        var root = doc.RootElement;
        Assert.StartsWith("chatcmpl-mock-", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal("gpt-mock", root.GetProperty("model").GetString());
        var content = root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.StartsWith("Mock reply to: Say hello.", content);
        var usage = root.GetProperty("usage");
        Assert.Equal((("Be brief." + "Say hello").Length + 3) / 4, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(content!.Split(' ').Length, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(state.CompletionTokens, usage.GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChatCompletionsAsync_Stream_FollowsOpenAIChunkSequence(bool includeUsage)
    {
        var (context, state) = Create(stream: true, includeUsage);

        await new MockProviderAdapter(new FakeTimeProvider()).ChatCompletionsAsync(context, state);

        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());

        var finish = includeUsage ? chunks[^2] : chunks[^1];
        Assert.Equal("stop", finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var contentChunks = chunks[1..chunks.IndexOf(finish)];
        Assert.Equal(state.CompletionTokens, contentChunks.Count);
        Assert.StartsWith("Mock reply to:", string.Concat(contentChunks.Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString())));
        if (includeUsage)
        {
            Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
            Assert.Equal(state.CompletionTokens, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
            Assert.All(chunks[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        }
        else
        {
            Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        }

        Assert.Equal("text/event-stream", context.Response.ContentType);
    }

    [Fact]
    public async Task ChatCompletionsAsync_FailStatus_WritesUpstreamError()
    {
        var (context, state) = Create(stream: false, includeUsage: false, new() { ["failStatus"] = "503" });

        await new MockProviderAdapter(new FakeTimeProvider()).ChatCompletionsAsync(context, state);

        Assert.Equal(502, context.Response.StatusCode);
        Assert.Equal("mock_failure", state.ErrorCode);
    }

    private static (HttpContext, GatewayRequestState) Create(bool stream, bool includeUsage, Dictionary<string, string>? settings = null)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        var deployment = new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Mock, "mock-1", null, null, 1, settings ?? []);
        var state = new GatewayRequestState("chat.completions", 0)
        {
            Model = "gpt-mock",
            Stream = stream,
            IncludeUsage = includeUsage,
            Body = Encoding.UTF8.GetBytes(Body),
            Deployment = new RuntimeDeployment(deployment, null),
        };
        context.Features.Set(state);
        return (context, state);
    }
}
