using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Infrastructure;

public sealed partial class FakeUpstreamTests
{
    [Fact]
    public async Task AzureStream_ClassicUrl_FirstChunkHasNoChoicesAndEmptyIds()
    {
        var events = await PostSseAsync(_fake.AzureBaseUrl + "/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
            """{"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hello"}]}""", ("api-key", _fake.AzureKey));

        var first = JsonNode.Parse(events[0].Data)!;
        Assert.Empty(first["choices"]!.AsArray());
        Assert.Equal("", (string?)first["id"]);
        Assert.Equal("", (string?)first["model"]);
        Assert.Equal("", (string?)first["object"]);
        Assert.Equal(0, (int?)first["created"]);
        Assert.NotNull(first["prompt_filter_results"]);
        var chunks = events.Skip(1).SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal("gpt-4o-prod", (string?)chunks[0]["model"]);
        Assert.Equal("Hello from azure! You said: hello", string.Concat(chunks.SkipLast(2).Select(c => (string?)c["choices"]![0]!["delta"]!["content"])));
        Assert.Equal(11, (int?)chunks[^1]["usage"]!["prompt_tokens"]);
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.StartsWith("/azure/", _fake.Requests.Last().PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AzureChat_MissingApiVersionOrWrongKey_ReturnsAzureErrors()
    {
        const string body = """{"messages":[{"role":"user","content":"hello"}]}""";
        using var noVersion = await PostAsync(_fake.AzureBaseUrl + "/openai/deployments/d/chat/completions", body, ("api-key", _fake.AzureKey));
        using var wrongKey = await PostAsync(_fake.AzureBaseUrl + "/openai/deployments/d/chat/completions?api-version=2024-10-21", body, ("api-key", "nope"));

        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("401", (string?)JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task AzureChat_V1UrlAndRateLimit_UseBodyModel()
    {
        var ok = await PostJsonAsync(_fake.AzureBaseUrl + "/openai/v1/chat/completions", """{"model":"gpt-4o-prod","messages":[{"role":"user","content":"hello"}]}""", ("api-key", _fake.AzureKey));
        using var limited = await PostAsync(_fake.AzureBaseUrl + "/openai/v1/chat/completions", """{"model":"x-ratelimit","messages":[{"role":"user","content":"hello"}]}""", ("api-key", _fake.AzureKey));

        Assert.Equal("Hello from azure! You said: hello", (string?)ok["choices"]![0]!["message"]!["content"]);
        Assert.NotNull(ok["prompt_filter_results"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("429", (string?)JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["error"]!["code"]);
        Assert.Equal("7", limited.Headers.GetValues("retry-after").Single());
    }

    [Fact]
    public async Task AnthropicStream_Text_SendsTheDocumentedEventSequence()
    {
        var events = await PostSseAsync(_fake.AnthropicBaseUrl + "/v1/messages",
            """{"model":"claude","max_tokens":100,"stream":true,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]}""", AnthropicHeaders());

        string[] expected = ["message_start", "content_block_start", "ping", .. Enumerable.Repeat("content_block_delta", 6), "content_block_stop", "message_delta", "message_stop"];
        Assert.Equal(expected, events.Select(e => e.Event));
        Assert.All(events, e => Assert.Equal(e.Event, (string?)JsonNode.Parse(e.Data)!["type"]));
        var usage = JsonNode.Parse(events[0].Data)!["message"]!["usage"]!;
        Assert.Equal(11, (int?)usage["input_tokens"]);
        Assert.Equal(0, (int?)usage["cache_read_input_tokens"]);
        var text = string.Concat(events.Where(e => e.Event == "content_block_delta").Select(e => (string?)JsonNode.Parse(e.Data)!["delta"]!["text"]));
        Assert.Equal("Hello from anthropic! You said: hi", text);
        var delta = JsonNode.Parse(events[^2].Data)!;
        Assert.Equal("end_turn", (string?)delta["delta"]!["stop_reason"]);
        Assert.Equal(6, (int?)delta["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task AnthropicStream_Tools_StreamsToolUseWithPartialJson()
    {
        var events = await PostSseAsync(_fake.AnthropicBaseUrl + "/v1/messages",
            $$$"""{"model":"claude","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Weather?"}],"tools":[{"name":"get_weather","input_schema":{{{WeatherTool}}}}]}""", AnthropicHeaders());

        var block = JsonNode.Parse(events[1].Data)!["content_block"]!;
        Assert.Equal("tool_use", (string?)block["type"]);
        Assert.Equal("get_weather", (string?)block["name"]);
        Assert.StartsWith("toolu_", (string?)block["id"], StringComparison.Ordinal);
        var json = events.Where(e => e.Event == "content_block_delta").Select(e => (string?)JsonNode.Parse(e.Data)!["delta"]!["partial_json"]).ToList();
        Assert.Equal(["", .. FakeAnswer.SplitArguments(WeatherArguments)], json);
        Assert.Equal("tool_use", (string?)JsonNode.Parse(events[^2].Data)!["delta"]!["stop_reason"]);
        Assert.Equal(3, (int?)JsonNode.Parse(events[^2].Data)!["usage"]!["output_tokens"]);
    }

    [Fact]
    public async Task AnthropicMessages_ToolResultAndCountTokens_AnswerDeterministically()
    {
        var reply = await PostJsonAsync(_fake.AnthropicBaseUrl + "/v1/messages",
            """{"model":"claude","max_tokens":10,"messages":[{"role":"user","content":"w"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"rain"}]}]}],"tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}""",
            AnthropicHeaders());
        var count = await PostJsonAsync(_fake.AnthropicBaseUrl + "/v1/messages/count_tokens", """{"model":"claude","messages":[{"role":"user","content":"hi"}]}""", AnthropicHeaders());

        Assert.Equal("The tool said: rain", (string?)reply["content"]![0]!["text"]);
        Assert.Equal("end_turn", (string?)reply["stop_reason"]);
        Assert.Equal(0, (int?)reply["usage"]!["cache_read_input_tokens"]);
        Assert.Equal(11, (int?)count["input_tokens"]);
    }

    [Fact]
    public async Task AnthropicMessages_BadHeadersAndOverload_ReturnAnthropicErrors()
    {
        const string body = """{"model":"claude-overloaded","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";
        using var wrongKey = await PostAsync(_fake.AnthropicBaseUrl + "/v1/messages", body, ("x-api-key", "nope"), ("anthropic-version", "2023-06-01"));
        using var noVersion = await PostAsync(_fake.AnthropicBaseUrl + "/v1/messages", body, ("x-api-key", _fake.AnthropicKey));
        using var overloaded = await PostAsync(_fake.AnthropicBaseUrl + "/v1/messages", body, AnthropicHeaders());

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("authentication_error", (string?)JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!["error"]!["type"]);
        Assert.Equal(HttpStatusCode.BadRequest, noVersion.StatusCode);
        Assert.Equal(529, (int)overloaded.StatusCode);
        Assert.Equal("overloaded_error", (string?)JsonNode.Parse(await overloaded.Content.ReadAsStringAsync())!["error"]!["type"]);
    }

    [Fact]
    public async Task AnthropicStream_MidstreamModel_EndsWithErrorEvent()
    {
        var events = await PostSseAsync(_fake.AnthropicBaseUrl + "/v1/messages",
            """{"model":"claude-midstream","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", AnthropicHeaders());

        Assert.Equal(["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "error"], events.Select(e => e.Event));
        Assert.Equal("overloaded_error", (string?)JsonNode.Parse(events[^1].Data)!["error"]!["type"]);
    }

    private (string, string)[] AnthropicHeaders() => [("x-api-key", _fake.AnthropicKey), ("anthropic-version", "2023-06-01")];
}
