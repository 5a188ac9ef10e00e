using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Mock;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.Mock;

public class MockChatProviderTests
{
    private readonly MockChatProvider _provider = new(new FakeTimeProvider(DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task CompleteAsync_UserMessage_EchoesItWithUsage()
    {
        var result = await _provider.CompleteAsync(Request("Say hello"), Deployment(), CancellationToken.None);

        var choice = Assert.Single(result.Value!.Choices);
        Assert.StartsWith("Mock reply to: Say hello.", choice.Text, StringComparison.Ordinal);
        Assert.Equal(FinishReason.Stop, choice.FinishReason);
        Assert.True(result.Value.Usage.InputTokens > 0);
        Assert.Equal(choice.Text!.Split(' ').Length, result.Value.Usage.OutputTokens);
    }

    [Fact]
    public async Task CompleteAsync_ToolsOffered_CallsTheToolWithSchemaArguments()
    {
        var request = Request("Weather in Paris?");
        request.Tools.Add(new ToolDefinition("get_weather", null, JsonDocument.Parse(
            """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]},"days":{"type":"integer"}},"required":["city","unit"]}""").RootElement));

        var result = await _provider.CompleteAsync(request, Deployment(), CancellationToken.None);

        var choice = Assert.Single(result.Value!.Choices);
        Assert.Equal(FinishReason.ToolCalls, choice.FinishReason);
        var call = Assert.Single(choice.ToolCalls);
        Assert.Equal("get_weather", call.Name);
        var args = JsonDocument.Parse(call.Arguments).RootElement;
        Assert.Equal("Weather in Paris?", args.GetProperty("city").GetString());
        Assert.Equal("c", args.GetProperty("unit").GetString());
        Assert.False(args.TryGetProperty("days", out _));
    }

    [Fact]
    public async Task CompleteAsync_AfterToolResult_AnswersWithTheResult()
    {
        var request = Request("Weather?");
        request.Tools.Add(new ToolDefinition("get_weather", null, JsonDocument.Parse("{}").RootElement));
        request.Messages.Add(new ChatMessage { Role = ChatRole.Assistant, ToolCalls = { new ToolCall("call_1", "get_weather", "{}") } });
        request.Messages.Add(new ChatMessage { Role = ChatRole.Tool, ToolCallId = "call_1", ToolName = "get_weather", Content = { ContentPart.FromText("Sunny, 21C") } });

        var result = await _provider.CompleteAsync(request, Deployment(), CancellationToken.None);

        Assert.Equal("Mock answer using the result of get_weather: Sunny, 21C.", result.Value!.Choices[0].Text);
    }

    [Fact]
    public async Task StreamAsync_Text_EmitsStartDeltasFinishUsageComplete()
    {
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(Request("Hi"), Deployment(), sink, CancellationToken.None);

        Assert.Null(error);
        Assert.StartsWith("usage ", sink.Events[0], StringComparison.Ordinal);
        Assert.StartsWith("start ", sink.Events[1], StringComparison.Ordinal);
        Assert.Equal(["finish 0 Stop", "complete"], sink.Events.Where(e => e.StartsWith("finish", StringComparison.Ordinal) || e == "complete"));
        Assert.StartsWith("Mock reply to: Hi.", sink.Text.ToString(), StringComparison.Ordinal);
        Assert.Equal(sink.Text.ToString().Split(' ').Length, sink.Usage!.Value.OutputTokens);
    }

    [Fact]
    public async Task StreamAsync_FailAfterTokens_EndsWithError()
    {
        var sink = new RecordingSink();

        await _provider.StreamAsync(Request("Hi"), Deployment(("failAfterTokens", "2")), sink, CancellationToken.None);

        Assert.Equal(2, sink.Events.Count(e => e.StartsWith("text", StringComparison.Ordinal)));
        Assert.Equal(GatewayErrorKind.Upstream, sink.Error!.Kind);
        Assert.False(sink.Completed);
    }

    [Theory]
    [InlineData("429", GatewayErrorKind.RateLimit, 429)]
    [InlineData("500", GatewayErrorKind.Upstream, 502)]
    [InlineData("400", GatewayErrorKind.InvalidRequest, 400)]
    public async Task StreamAsync_FailStatus_ReturnsErrorBeforeStarting(string status, GatewayErrorKind kind, int expected)
    {
        var sink = new RecordingSink();

        var error = await _provider.StreamAsync(Request("Hi"), Deployment(("failStatus", status)), sink, CancellationToken.None);

        Assert.Equal((kind, expected), (error!.Kind, error.Status));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public async Task CompleteAsync_NChoices_ReturnsThatManyChoices()
    {
        var request = Request("Hi");
        request.N = 3;

        var result = await _provider.CompleteAsync(request, Deployment(), CancellationToken.None);

        Assert.Equal([0, 1, 2], result.Value!.Choices.Select(c => c.Index));
    }

    private static ChatRequest Request(string text)
    {
        var request = new ChatRequest { Model = "gpt-mock" };
        request.Messages.Add(new ChatMessage { Role = ChatRole.User, Content = { ContentPart.FromText(text) } });
        return request;
    }

    private static RuntimeDeployment Deployment(params (string Key, string Value)[] settings) =>
        new(new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Mock, "mock-1", null, null, 1, settings.ToDictionary(s => s.Key, s => s.Value)), null);
}
