using System.Text;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

/// <summary>Constructed streams for the stream reader's edge cases (whole tool calls, errors, early ends), over real HTTP.</summary>
public class OpenAIStreamReaderTests
{
    private readonly OpenAIChatProvider _provider = new(OpenAIProviderKit.Client);

    [Fact]
    public async Task StreamAsync_OllamaWholeToolCallAndReasoning_OpensCallWithAllArguments()
    {
        var sse = Sse(
            """{"id":"chatcmpl-7","object":"chat.completion.chunk","model":"qwen3","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"","reasoning":"Need the weather."},"finish_reason":null}]}""",
            """{"id":"chatcmpl-7","object":"chat.completion.chunk","model":"qwen3","choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_k2x9","index":0,"type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}}]},"finish_reason":null}]}""",
            """{"id":"chatcmpl-7","object":"chat.completion.chunk","model":"qwen3","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
            "[DONE]");

        var sink = await StreamAsync(ProviderKinds.Ollama, sse);

        Assert.Equal(
            ["start chatcmpl-7 qwen3", "reasoning 0 \"Need the weather.\"", "tool 0 0 call_k2x9 get_weather", "args 0 0 {\"location\":\"Paris\"}", "finish 0 ToolCalls", "complete"],
            sink.Events);
    }

    [Fact]
    public async Task StreamAsync_MistralUsageOnFinishChunk_IsReported()
    {
        var sse = Sse(
            """{"id":"cf79f7da","object":"chat.completion.chunk","model":"mistral-large-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""",
            """{"id":"cf79f7da","object":"chat.completion.chunk","model":"mistral-large-latest","choices":[{"index":0,"delta":{"content":"","tool_calls":[{"id":"D681PevKs","function":{"name":"get_weather","arguments":"{\"location\": \"Paris\"}"},"index":0}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":92,"total_tokens":116,"completion_tokens":24}}""",
            "[DONE]");

        var sink = await StreamAsync(ProviderKinds.Mistral, sse);

        Assert.Equal(
            ["start cf79f7da mistral-large-latest", "tool 0 0 D681PevKs get_weather", "args 0 0 {\"location\": \"Paris\"}", "finish 0 ToolCalls", "usage 92 24 cached=0 write=0 reasoning=0", "complete"],
            sink.Events);
    }

    [Fact]
    public async Task StreamAsync_EventThatIsNotAnObject_EndsWithInvalidUpstreamResponse()
    {
        var sse = Sse("""{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""", "[1,2]");

        var sink = await StreamAsync(ProviderKinds.OpenAI, sse);

        Assert.Equal(["start c1 m", "text 0 \"Hel\"", "error Upstream 502 invalid_upstream_response"], sink.Events);
    }

    [Fact]
    public async Task StreamAsync_ErrorEventMidStream_EndsWithMappedError()
    {
        var sse = Sse(
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}""",
            """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""");

        var sink = await StreamAsync(ProviderKinds.OpenAI, sse);

        Assert.Equal(["start c1 m", "text 0 \"Hel\"", "error Upstream 502 upstream_error"], sink.Events);
        Assert.Equal("The server had an error while processing your request. Sorry about that!", sink.Error!.Message);
    }

    [Fact]
    public async Task StreamAsync_ErrorEventFirst_ReportsErrorWithoutStarting()
    {
        var sse = Sse("""{"error":{"message":"This model's maximum context length is 4096 tokens.","type":"BadRequestError","param":null,"code":400}}""");

        var sink = await StreamAsync(ProviderKinds.Vllm, sse);

        Assert.Equal(["error InvalidRequest 400 context_length_exceeded"], sink.Events);
    }

    [Fact]
    public async Task StreamAsync_EndBeforeFinish_ReportsStreamEndedEarly()
    {
        var sink = await StreamAsync(ProviderKinds.OpenAI, Sse("""{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}"""));

        Assert.Equal(["start c1 m", "text 0 \"Hel\"", "error Upstream 502 upstream_error"], sink.Events);
        Assert.Contains("ended early", sink.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamAsync_EndAfterFinishWithoutDone_Completes()
    {
        var sink = await StreamAsync(ProviderKinds.OpenAI, Sse(
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}""",
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{},"finish_reason":"length"}]}"""));

        Assert.Equal(["start c1 m", "text 0 \"Hi\"", "finish 0 Length", "complete"], sink.Events);
    }

    private async Task<RecordingSink> StreamAsync(string kind, byte[] body)
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Chunked(body, "text/event-stream"));
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(FixtureRequests.StreamUsage(), OpenAIProviderKit.Deployment(kind, "up-model", upstream.BaseUrl), sink, default);

        Assert.Null(error);
        return sink;
    }

    private static byte[] Sse(params string[] data) => Encoding.UTF8.GetBytes(string.Concat(data.Select(d => $"data: {d}\n\n")));
}
