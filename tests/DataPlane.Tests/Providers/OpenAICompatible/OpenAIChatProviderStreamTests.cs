using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIChatProviderStreamTests
{
    private readonly OpenAIChatProvider _provider = new(OpenAIProviderKit.Client);

    public static TheoryData<string, string, string[]> RecordedStreams => new()
    {
        {
            "openai-chat-stream.sse", ProviderKinds.OpenAI,
            [
                "start chatcmpl-ADxFKtX6xIwdWRN42QvBj2u1RZpCK gpt-4o-mini-2024-07-18",
                .. Texts("Hello", "!", " How", " can", " I", " assist", " you", " today", "?"),
                "finish 0 Stop", "usage 8 9 cached=0 write=0 reasoning=0", "complete",
            ]
        },
        {
            "azure-openai-chat-stream.sse", ProviderKinds.AzureOpenAI,
            [
                "start  ", // Azure's first chunk: choices [], id "" and model "" (prompt filter results only)
                .. Texts("Hello", "!", " How", " can", " I", " help", " today", "?"),
                "finish 0 Stop", "usage 8 9 cached=0 write=0 reasoning=0", "complete",
            ]
        },
        {
            "groq-chat-stream.sse", ProviderKinds.Groq,
            [
                "start chatcmpl-e7f8e220-656c-4455-a132-dacfc1370798 llama-3.1-8b-instant",
                .. Texts("Hello", "!", " How", " can", " I", " help", "?"),
                "finish 0 Stop", "usage 18 8 cached=0 write=0 reasoning=0", "complete", // usage from x_groq on the finish chunk
            ]
        },
        {
            "vllm-chat-stream.sse", ProviderKinds.Vllm,
            [
                "start chatcmpl-9f2c1e0b7a6d4c5e8f1a2b3c4d5e6f70 meta-llama/Llama-3.1-8B-Instruct",
                .. Texts("Hello", "!", " How", " can", " I", " help", "?"),
                "finish 0 Stop", "usage 42 8 cached=0 write=0 reasoning=0", "complete",
            ]
        },
        {
            "ollama-chat-stream.sse", ProviderKinds.Ollama,
            [
                "start chatcmpl-417 llama3.2",
                .. Texts("Hello", "!", " How", " can", " I", " help", "?"),
                "finish 0 Stop", "usage 26 8 cached=0 write=0 reasoning=0", "complete",
            ]
        },
        {
            "openai-chat-stream-tools.sse", ProviderKinds.OpenAI,
            [
                "start chatcmpl-ADymNiWWeqCJqHNFXiI1QtRcLuXcl gpt-4o-mini-2024-07-18",
                "tool 0 0 call_F9ZaqPWo69u0urxAhVt8meDW GetPersonAge",
                "args 0 0 {\"", "args 0 0 person", "args 0 0 Name", "args 0 0 \":\"", "args 0 0 Alice", "args 0 0 \"}",
                "finish 0 ToolCalls", "usage 61 16 cached=0 write=0 reasoning=0", "complete",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(RecordedStreams))]
    public async Task StreamAsync_RecordedStreamInSmallChunks_GivesCanonicalEvents(string fixture, string kind, string[] expected)
    {
        var sink = await StreamAsync(kind, Fixture.Bytes(fixture));

        Assert.Equal(expected, sink.Events);
    }

    [Fact]
    public async Task StreamAsync_CrlfFraming_GivesSameEvents()
    {
        var crlf = Encoding.UTF8.GetBytes(Fixture.Text("openai-chat-stream.sse").Replace("\n", "\r\n", StringComparison.Ordinal));

        var sink = await StreamAsync(ProviderKinds.OpenAI, crlf);

        Assert.Equal("Hello! How can I assist you today?", sink.Text.ToString());
        Assert.Equal("complete", sink.Events[^1]);
    }

    [Fact]
    public async Task StreamAsync_ParallelTools_ReassemblesEachCallsArguments()
    {
        var sink = await StreamAsync(ProviderKinds.OpenAI, Fixture.Bytes("openai-chat-stream-parallel-tools.sse"));

        Assert.Equal([("call_Yw2RcG0wq1fN8bVx3sJpL5aD", "get_weather"), ("call_3HkTq9ZmVn7pXe1uBr8sWc2L", "get_weather")], sink.ToolCalls);
        Assert.Equal("Paris, France", JsonDocument.Parse(sink.Arguments(0)).RootElement.GetProperty("location").GetString());
        Assert.Equal("Tokyo, Japan", JsonDocument.Parse(sink.Arguments(1)).RootElement.GetProperty("location").GetString());
        var secondOpens = sink.Events.IndexOf("tool 0 1 call_3HkTq9ZmVn7pXe1uBr8sWc2L get_weather");
        Assert.DoesNotContain(sink.Events.Skip(secondOpens), e => e.StartsWith("args 0 0 ", StringComparison.Ordinal));
        Assert.Equal(FinishReason.ToolCalls, sink.Finish);
        Assert.Equal(new TokenUsage(82, 51), sink.Usage);
        Assert.Equal("complete", sink.Events[^1]);
    }

    [Fact]
    public async Task StreamAsync_Request_AsksForUsageWithUpstreamModelAndBearerSecret()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Chunked(Fixture.Bytes("openai-chat-stream.sse"), "text/event-stream"));
        var request = FixtureRequests.StreamUsage();
        request.IncludeUsage = false;

        await _provider.StreamAsync(request, OpenAIProviderKit.Deployment(ProviderKinds.Together, "meta-llama/Llama-3.3-70B", upstream.BaseUrl + "/v1"), new RecordingSink(), default);

        var call = upstream.Last;
        Assert.Equal("/v1/chat/completions", call.PathAndQuery);
        Assert.Equal("Bearer " + OpenAIProviderKit.Secret, call.Headers["Authorization"]);
        Assert.Equal("meta-llama/Llama-3.3-70B", (string?)call.Json["model"]);
        Assert.True((bool)call.Json["stream"]!);
        Assert.True((bool)call.Json["stream_options"]!["include_usage"]!);
    }

    [Fact]
    public async Task StreamAsync_UpstreamUnreachable_ReturnsErrorAndLeavesSinkUntouched()
    {
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(FixtureRequests.StreamUsage(), OpenAIProviderKit.Deployment(ProviderKinds.OpenAI, "m", "http://127.0.0.1:9/v1"), sink, default);

        Assert.Equal(502, error?.Status);
        Assert.Empty(sink.Events);
    }

    private async Task<RecordingSink> StreamAsync(string kind, byte[] body)
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Chunked(body, "text/event-stream"));
        var baseUrl = kind == ProviderKinds.AzureOpenAI ? upstream.BaseUrl : upstream.BaseUrl + "/v1";
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(FixtureRequests.StreamUsage(), OpenAIProviderKit.Deployment(kind, "up-model", baseUrl), sink, default);

        Assert.Null(error);
        return sink;
    }

    private static IEnumerable<string> Texts(params string[] texts) => texts.Select(t => $"text 0 \"{t}\"");
}
