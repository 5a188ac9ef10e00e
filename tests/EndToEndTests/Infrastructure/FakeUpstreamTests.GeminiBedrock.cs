using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Infrastructure;

public sealed partial class FakeUpstreamTests
{
    private const string BedrockModelPath = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0";

    [Fact]
    public async Task GeminiStream_Text_UsesCrlfFramingCumulativeUsageAndFinalFinishReason()
    {
        using var response = await PostAsync(_fake.GeminiBaseUrl + "/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            """{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""", ("x-goog-api-key", _fake.GeminiKey));
        var raw = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("\r\n\r\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n", raw, StringComparison.Ordinal);
        var events = FakeProviderWire.Sse(raw, "\r\n").Select(e => JsonNode.Parse(e.Data)!).ToList();
        Assert.Equal(6, events.Count);
        Assert.Equal(Enumerable.Range(1, 6), events.Select(e => (int)e["usageMetadata"]!["candidatesTokenCount"]!));
        Assert.All(events, e => Assert.Equal(11, (int?)e["usageMetadata"]!["promptTokenCount"]));
        Assert.Equal(17, (int?)events[^1]["usageMetadata"]!["totalTokenCount"]);
        Assert.Equal([null, null, null, null, null, "STOP"], events.Select(e => (string?)e["candidates"]![0]!["finishReason"]));
        Assert.Equal("Hello from gemini! You said: hi", string.Concat(events.Select(e => (string?)e["candidates"]![0]!["content"]!["parts"]![0]!["text"])));
        Assert.Equal(_fake.GeminiKey, _fake.Requests.Last(r => r.Path.StartsWith("/gemini/", StringComparison.Ordinal)).Header("x-goog-api-key"));
    }

    [Fact]
    public async Task GeminiStream_ToolsThenFunctionResponse_CallsWholeThenReadsResult()
    {
        var tools = $$$"""[{"functionDeclarations":[{"name":"get_weather","parameters":{{{WeatherTool}}}}]}]""";
        using var call = await PostAsync(_fake.GeminiBaseUrl + "/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            $$$"""{"contents":[{"role":"user","parts":[{"text":"Weather?"}]}],"tools":{{{tools}}}}""", ("x-goog-api-key", _fake.GeminiKey));
        var result = await PostJsonAsync(_fake.GeminiBaseUrl + "/models/gemini-2.5-flash:generateContent",
            """{"contents":[{"role":"user","parts":[{"text":"Weather?"}]},{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"sunny"}}}]}],"tools":""" + tools + "}",
            ("x-goog-api-key", _fake.GeminiKey));

        var events = FakeProviderWire.Sse(await call.Content.ReadAsStringAsync(), "\r\n");
        var part = JsonNode.Parse(Assert.Single(events).Data)!["candidates"]![0]!["content"]!["parts"]![0]!;
        Assert.Equal("get_weather", (string?)part["functionCall"]!["name"]);
        Assert.Null(part["functionCall"]!["id"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(WeatherArguments), part["functionCall"]!["args"]));
        Assert.Equal("The tool said: sunny", (string?)result["candidates"]![0]!["content"]!["parts"]![0]!["text"]);
    }

    [Fact]
    public async Task GeminiGenerate_WrongKeyAndRateLimit_ReturnGoogleErrors()
    {
        const string body = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
        using var wrongKey = await PostAsync(_fake.GeminiBaseUrl + "/models/gemini-2.5-flash:generateContent", body, ("x-goog-api-key", "nope"));
        using var limited = await PostAsync(_fake.GeminiBaseUrl + "/models/gemini-ratelimit:generateContent", body, ("x-goog-api-key", _fake.GeminiKey));

        Assert.Equal(HttpStatusCode.BadRequest, wrongKey.StatusCode);
        Assert.Equal("API_KEY_INVALID", (string?)JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!["error"]!["details"]![0]!["reason"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var error = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("RESOURCE_EXHAUSTED", (string?)error["status"]);
        Assert.Equal("7s", (string?)error["details"]!.AsArray().Single(d => ((string?)d!["@type"])!.EndsWith("RetryInfo", StringComparison.Ordinal))!["retryDelay"]);
    }

    [Fact]
    public async Task GeminiBatchEmbedAndCountTokens_AnswerDeterministically()
    {
        var embed = await PostJsonAsync(_fake.GeminiBaseUrl + "/models/text-embedding-004:batchEmbedContents",
            """{"requests":[{"model":"models/text-embedding-004","content":{"parts":[{"text":"a"}]},"outputDimensionality":3}]}""", ("x-goog-api-key", _fake.GeminiKey));
        var count = await PostJsonAsync(_fake.GeminiBaseUrl + "/models/gemini-2.5-flash:countTokens?key=" + _fake.GeminiKey, """{"contents":[]}""");

        Assert.Equal(FakeAnswer.Embedding("a", 3), embed["embeddings"]![0]!["values"]!.AsArray().Select(v => (float)v!));
        Assert.Equal(11, (int?)count["totalTokens"]);
    }

    [Fact]
    public async Task BedrockConverseStream_Text_SendsValidFramesInOrderAndKeepsEncodedModelId()
    {
        var frames = await PostFramesAsync(BedrockModelPath + "/converse-stream", """{"messages":[{"role":"user","content":[{"text":"hi"}]}],"inferenceConfig":{"maxTokens":256}}""");

        string[] expected = ["messageStart", .. Enumerable.Repeat("contentBlockDelta", 6), "contentBlockStop", "messageStop", "metadata"];
        Assert.Equal(expected, frames.Select(f => f.Headers[":event-type"]));
        Assert.All(frames, f => Assert.Equal(("event", "application/json"), (f.Headers[":message-type"], f.Headers[":content-type"])));
        Assert.All(frames, f => Assert.False(string.IsNullOrEmpty((string?)f.Payload["p"])));
        Assert.Equal("Hello from bedrock! You said: hi", string.Concat(frames.Skip(1).Take(6).Select(f => (string?)f.Payload["delta"]!["text"])));
        Assert.Equal("end_turn", (string?)frames[^2].Payload["stopReason"]);
        Assert.Equal((11, 6, 17), ((int)frames[^1].Payload["usage"]!["inputTokens"]!, (int)frames[^1].Payload["usage"]!["outputTokens"]!, (int)frames[^1].Payload["usage"]!["totalTokens"]!));
        Assert.Equal("/bedrock" + BedrockModelPath + "/converse-stream", _fake.Requests.Last(r => r.Path.StartsWith("/bedrock/", StringComparison.Ordinal)).PathAndQuery);
    }

    [Fact]
    public async Task BedrockConverseStream_Tools_StartsToolBlockAndStreamsInputFragments()
    {
        var frames = await PostFramesAsync(BedrockModelPath + "/converse-stream",
            """{"messages":[{"role":"user","content":[{"text":"Weather?"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","inputSchema":{"json":""" + WeatherTool + "}}}]}}");

        Assert.Equal(["messageStart", "contentBlockStart", "contentBlockDelta", "contentBlockDelta", "contentBlockDelta", "contentBlockStop", "messageStop", "metadata"], frames.Select(f => f.Headers[":event-type"]));
        Assert.Equal("get_weather", (string?)frames[1].Payload["start"]!["toolUse"]!["name"]);
        Assert.StartsWith("tooluse_", (string?)frames[1].Payload["start"]!["toolUse"]!["toolUseId"], StringComparison.Ordinal);
        Assert.Equal(WeatherArguments, string.Concat(frames.Skip(2).Take(3).Select(f => (string?)f.Payload["delta"]!["toolUse"]!["input"])));
        Assert.Equal("tool_use", (string?)frames[^2].Payload["stopReason"]);
    }

    [Fact]
    public async Task BedrockConverseStream_MidstreamModel_EndsWithThrottlingExceptionFrame()
    {
        var frames = await PostFramesAsync("/model/claude-midstream/converse-stream", """{"messages":[{"role":"user","content":[{"text":"hi"}]}]}""");

        Assert.Equal(4, frames.Count);
        Assert.Equal("exception", frames[^1].Headers[":message-type"]);
        Assert.Equal("throttlingException", frames[^1].Headers[":exception-type"]);
        Assert.NotNull(frames[^1].Payload["message"]);
    }

    [Fact]
    public async Task BedrockConverse_AuthAndThrottling_ReturnAwsErrors()
    {
        const string body = """{"messages":[{"role":"user","content":[{"text":"hi"}]}]}""";
        using var wrongKey = await PostAsync(_fake.BedrockBaseUrl + BedrockModelPath + "/converse", body, ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAOTHER/20250821/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00"), ("x-amz-date", "20250821T124100Z"));
        using var noDate = await PostAsync(_fake.BedrockBaseUrl + BedrockModelPath + "/converse", body, BedrockHeaders()[0]);
        using var limited = await PostAsync(_fake.BedrockBaseUrl + "/model/x-ratelimit/converse", body, BedrockHeaders());
        var ok = await PostJsonAsync(_fake.BedrockBaseUrl + BedrockModelPath + "/converse", body, BedrockHeaders());

        Assert.Equal(HttpStatusCode.Forbidden, wrongKey.StatusCode);
        Assert.StartsWith("UnrecognizedClientException:", wrongKey.Headers.GetValues("x-amzn-errortype").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noDate.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.StartsWith("ThrottlingException:", limited.Headers.GetValues("x-amzn-errortype").Single(), StringComparison.Ordinal);
        Assert.Equal("Hello from bedrock! You said: hi", (string?)ok["output"]!["message"]!["content"]![0]!["text"]);
        Assert.Equal(6, (int?)ok["usage"]!["outputTokens"]);
    }

    [Fact]
    public void EventStreamWriter_RecordedFixtureEvents_ReproducesTheRecordedBytes()
    {
        var fixtures = Path.Combine(RepoPaths.Root, "tests", "DataPlane.Tests", "Fixtures");
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var lines = File.ReadAllLines(Path.Combine(fixtures, "bedrock-conversestream-events.jsonl"));
        var hex = File.ReadAllLines(Path.Combine(fixtures, "bedrock-conversestream.hex"));

        Assert.Equal(hex.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = JsonNode.Parse(lines[i])!;
            var headers = line["headers"]!.AsObject().Select(h => (h.Key, (string)h.Value!)).ToList();
            var frame = EventStreamWriter.Frame(headers, Encoding.UTF8.GetBytes(line["payload"]!.ToJsonString(options)));
            Assert.Equal(hex[i].Trim(), Convert.ToHexStringLower(frame));
        }
    }

    private (string, string)[] BedrockHeaders() =>
    [
        ("Authorization", $"AWS4-HMAC-SHA256 Credential={_fake.BedrockAccessKeyId}/20250821/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"),
        ("x-amz-date", "20250821T124100Z"),
    ];

    private async Task<List<(Dictionary<string, string> Headers, JsonNode Payload)>> PostFramesAsync(string path, string json)
    {
        using var response = await PostAsync(_fake.BedrockBaseUrl + path, json, BedrockHeaders());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        return FakeProviderWire.Frames(await response.Content.ReadAsByteArrayAsync());
    }
}
