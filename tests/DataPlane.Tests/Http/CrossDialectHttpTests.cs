using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Tests.Dialects.Anthropic;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>Both dialects through a running node to the built-in mock provider: text, tools, streams, mid-stream failure.</summary>
public class CrossDialectHttpTests : IAsyncLifetime
{
    private const string Tools = """[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""";
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(customize: s => s
        .AddRoute("mock-broken", ProviderKinds.Mock, "mock-broken", null, settings: new Dictionary<string, string> { ["failAfterTokens"] = "2" }));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Messages_MockModel_ReturnsAnthropicMessageAndRecordsUsage()
    {
        using var response = await _host.Client.SendAsync(Messages("""{"model":"gpt-mock","max_tokens":50,"messages":[{"role":"user","content":"Hi there"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(("message", "assistant", "gpt-mock", "end_turn"), (Str(message["type"]), Str(message["role"]), Str(message["model"]), Str(message["stop_reason"])));
        Assert.StartsWith("Mock reply to: Hi there.", Str(message["content"]![0]!["text"]), StringComparison.Ordinal);
        var output = message["usage"]!["output_tokens"]!.GetValue<int>();
        var usage = await _host.WaitForUsageAsync(r => r.Endpoint == "messages" && r.CompletionTokens == output);
        Assert.Equal((200, "mock"), (usage.StatusCode, usage.ProviderKind));
    }

    [Fact]
    public async Task Messages_StreamWithTools_EmitsToolUseEventSequence()
    {
        using var response = await _host.Client.SendAsync(Messages(
            $$"""{"model":"gpt-mock","max_tokens":50,"stream":true,"tools":{{Tools}},"messages":[{"role":"user","content":"Paris"}]}"""));

        var events = SseEvents.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.Event));
        Assert.Equal("tool_use", Str(events[2].Data["content_block"]!["type"]));
        var json = string.Concat(events.Where(e => e.Event == "content_block_delta").Select(e => Str(e.Data["delta"]!["partial_json"])));
        Assert.Equal("Paris", JsonNode.Parse(json)!["city"]!.GetValue<string>());
        Assert.Equal("tool_use", Str(events[^2].Data["delta"]!["stop_reason"]));
        Assert.True(events[^2].Data["usage"]!["output_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task ChatCompletions_MockWithTools_ReturnsToolCall()
    {
        var body = """{"model":"gpt-mock","messages":[{"role":"user","content":"Rome"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}""";

        using var response = await _host.Client.SendAsync(Chat(body));

        var choice = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!;
        Assert.Equal("tool_calls", Str(choice["finish_reason"]));
        var call = choice["message"]!["tool_calls"]![0]!["function"]!;
        Assert.Equal("get_weather", Str(call["name"]));
        Assert.Equal("Rome", JsonNode.Parse(Str(call["arguments"]))!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task ChatCompletions_FailureMidStream_EndsWithErrorEventAndDone()
    {
        using var response = await _host.Client.SendAsync(Chat("""{"model":"mock-broken","stream":true,"messages":[{"role":"user","content":"Hi"}]}"""));

        var text = await response.Content.ReadAsStringAsync();
        var data = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", data[^1]);
        Assert.Equal("upstream_error", JsonNode.Parse(data[^2])!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("\"finish_reason\":\"stop\"", text, StringComparison.Ordinal);
        var usage = await _host.WaitForUsageAsync(r => r.Model == "mock-broken" && r.Endpoint == "chat.completions");
        Assert.Equal(502, usage.StatusCode);
    }

    [Fact]
    public async Task Messages_FailureMidStream_EndsWithErrorEvent()
    {
        using var response = await _host.Client.SendAsync(Messages("""{"model":"mock-broken","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"Hi"}]}"""));

        var events = SseEvents.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("error", events[^1].Event);
        Assert.Equal("api_error", Str(events[^1].Data["error"]!["type"]));
        Assert.DoesNotContain(events, e => e.Event == "message_stop");
    }

    private static string Str(JsonNode? node) => node!.GetValue<string>();

    private static HttpRequestMessage Messages(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private static HttpRequestMessage Chat(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return request;
    }
}
