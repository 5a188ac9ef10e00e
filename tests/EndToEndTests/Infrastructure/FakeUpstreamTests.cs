using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Testing.Upstream;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// Self-test of the fake providers, hit directly with HttpClient (no gateway): each family's wire format parses as the
/// reference says, answers are the documented deterministic ones, failures come in each family's shape.
/// </summary>
public sealed partial class FakeUpstreamTests : IAsyncLifetime, IDisposable
{
    private const string WeatherTool = """{"type":"object","properties":{"location":{"type":"string"},"days":{"type":"integer"}},"required":["location","days"]}""";
    private const string WeatherArguments = """{"location":"Paris","days":1}""";

    private readonly HttpClient _http = new();
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeUpstream.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task OpenAIChat_UserText_AnswersGreetingWithFixedUsage()
    {
        var body = await PostJsonAsync(_fake.OpenAIBaseUrl + "/chat/completions", """{"model":"gpt-4o","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hi"}]}""", Bearer());

        var choice = body["choices"]![0]!;
        Assert.Equal("chat.completion", (string?)body["object"]);
        Assert.Equal("Hello from openai! You said: hi", (string?)choice["message"]!["content"]);
        Assert.Equal("stop", (string?)choice["finish_reason"]);
        Assert.Equal(11, (int?)body["usage"]!["prompt_tokens"]);
        Assert.Equal(6, (int?)body["usage"]!["completion_tokens"]);
        Assert.Equal(17, (int?)body["usage"]!["total_tokens"]);
        var recorded = _fake.Requests.Last(r => r.Path.StartsWith("/openai/", StringComparison.Ordinal));
        Assert.Equal("/openai/v1/chat/completions", recorded.PathAndQuery);
        Assert.Equal("Bearer " + _fake.OpenAIKey, recorded.Header("Authorization"));
        Assert.Equal("gpt-4o", (string?)recorded.Json["model"]);
    }

    [Fact]
    public async Task OpenAIStream_ToolsWithIncludeUsage_StreamsCallThenFinishThenUsageChunkThenDone()
    {
        var events = await PostSseAsync(_fake.OpenAIBaseUrl + "/chat/completions",
            $$$"""{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{{{WeatherTool}}}}},{"type":"function","function":{"name":"other"}}]}""",
            Bearer());

        Assert.All(events, e => Assert.Null(e.Event));
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.All(chunks.SkipLast(1), c => Assert.True(c.AsObject().ContainsKey("usage") && c["usage"] is null));
        var first = chunks[0]["choices"]![0]!["delta"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", (string?)first["function"]!["name"]);
        Assert.Matches("^call_[A-Za-z0-9]{24}$", (string?)first["id"]);
        var fragments = chunks.Skip(1).SkipLast(2).Select(c => (string?)c["choices"]![0]!["delta"]!["tool_calls"]![0]!["function"]!["arguments"]).ToList();
        Assert.Equal(3, fragments.Count);
        Assert.Equal(WeatherArguments, string.Concat(fragments));
        Assert.Equal("tool_calls", (string?)chunks[^2]["choices"]![0]!["finish_reason"]);
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(3, (int?)chunks[^1]["usage"]!["completion_tokens"]);
        Assert.Equal(14, (int?)chunks[^1]["usage"]!["total_tokens"]);
    }

    [Fact]
    public async Task OpenAIChat_ToolResultLast_AnswersWithToolText()
    {
        var body = await PostJsonAsync(_fake.OpenAIBaseUrl + "/chat/completions",
            $$$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"15 degrees"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{{{WeatherTool}}}}}]}""",
            Bearer());

        Assert.Equal("The tool said: 15 degrees", (string?)body["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task OpenAIChat_WrongKey_Returns401InvalidApiKey()
    {
        using var response = await PostAsync(_fake.OpenAIBaseUrl + "/chat/completions", """{"model":"gpt-4o","messages":[]}""", ("Authorization", "Bearer nope"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();
        Assert.Equal("invalid_api_key", (string?)error["code"]);
        Assert.True(error.ContainsKey("param") && error.ContainsKey("type") && error.ContainsKey("message"));
    }

    [Theory]
    [InlineData("gpt-ratelimit", HttpStatusCode.TooManyRequests, "7")]
    [InlineData("gpt-overloaded", HttpStatusCode.ServiceUnavailable, null)]
    public async Task OpenAIChat_FailureModel_ReturnsScriptedStatus(string model, HttpStatusCode status, string? retryAfter)
    {
        using var response = await PostAsync(_fake.FlavorBaseUrl("deepseek") + "/chat/completions", $$$"""{"model":"{{{model}}}","messages":[{"role":"user","content":"hi"}]}""", Bearer());

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(retryAfter, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]);
    }

    [Fact]
    public async Task OpenAIStream_MidstreamModel_SendsDeltasThenErrorWithoutDone()
    {
        var events = await PostSseAsync(_fake.OpenAIBaseUrl + "/chat/completions", """{"model":"gpt-midstream","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Bearer());

        Assert.Equal(4, events.Count);
        Assert.Equal("server_error", (string?)JsonNode.Parse(events[^1].Data)!["error"]!["type"]);
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
    }

    [Fact]
    public async Task GroqStream_IncludeUsage_PutsUsageInXGroqOnFinishChunk()
    {
        var events = await PostSseAsync(_fake.FlavorBaseUrl("groq") + "/chat/completions", """{"model":"llama","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""", Bearer());

        var chunks = events.SkipLast(1).Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal("stop", (string?)chunks[^1]["choices"]![0]!["finish_reason"]);
        Assert.Equal(6, (int?)chunks[^1]["x_groq"]!["usage"]!["completion_tokens"]);
        Assert.DoesNotContain(chunks, c => c["choices"]!.AsArray().Count == 0);
        Assert.StartsWith("Hello from groq!", string.Concat(chunks.Select(c => (string?)c["choices"]![0]!["delta"]!["content"])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlavorQuirks_MistralTogetherOllama_AreInTheResponses()
    {
        var tools = $$$"""[{"type":"function","function":{"name":"get_weather","parameters":{{{WeatherTool}}}}}]""";
        var mistral = await PostJsonAsync(_fake.FlavorBaseUrl("mistral") + "/chat/completions", $$$"""{"model":"m","messages":[{"role":"user","content":"w"}],"tools":{{{tools}}}}""", Bearer());
        var together = await PostJsonAsync(_fake.FlavorBaseUrl("together") + "/chat/completions", """{"model":"t","messages":[{"role":"user","content":"hi"}]}""", Bearer());
        var ollama = await PostJsonAsync(_fake.FlavorBaseUrl("ollama") + "/chat/completions", """{"model":"o","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Matches("^[A-Za-z0-9]{9}$", (string?)mistral["choices"]![0]!["message"]!["tool_calls"]![0]!["id"]);
        Assert.Equal("", (string?)mistral["choices"]![0]!["message"]!["content"]);
        Assert.Equal("eos", (string?)together["choices"]![0]!["finish_reason"]);
        Assert.Equal("fp_ollama", (string?)ollama["system_fingerprint"]);
        Assert.Equal("Hello from ollama! You said: hi", (string?)ollama["choices"]![0]!["message"]!["content"]);
    }

    [Fact]
    public async Task OpenAIEmbeddings_DimensionsAndBase64_AreDeterministic()
    {
        var floats = await PostJsonAsync(_fake.OpenAIBaseUrl + "/embeddings", """{"model":"e","input":["a","b"],"dimensions":4}""", Bearer());
        var base64 = await PostJsonAsync(_fake.OpenAIBaseUrl + "/embeddings", """{"model":"e","input":"a","encoding_format":"base64"}""", Bearer());

        Assert.Equal(5, (int?)floats["usage"]!["prompt_tokens"]);
        Assert.Equal(FakeAnswer.Embedding("b", 4), floats["data"]![1]!["embedding"]!.AsArray().Select(v => (float)v!));
        var bytes = Convert.FromBase64String((string)base64["data"]![0]!["embedding"]!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)));
        Assert.Equal(FakeAnswer.Embedding("a", 8), decoded);
        Assert.Equal((float)floats["data"]![0]!["embedding"]![0]!, FakeAnswer.Embedding("a", 8)[0]);
    }

    private (string, string) Bearer() => ("Authorization", "Bearer " + _fake.OpenAIKey);

    private async Task<HttpResponseMessage> PostAsync(string url, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request);
    }

    private async Task<JsonNode> PostJsonAsync(string url, string json, params (string Name, string Value)[] headers)
    {
        using var response = await PostAsync(url, json, headers);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task<List<(string? Event, string Data)>> PostSseAsync(string url, string json, params (string Name, string Value)[] headers)
    {
        using var response = await PostAsync(url, json, headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return FakeProviderWire.Sse(await response.Content.ReadAsStringAsync());
    }
}
