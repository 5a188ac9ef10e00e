using Anthropic;
using Anthropic.Models.Messages;
using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// The official Anthropic C# SDK (NuGet "Anthropic") against the gateway's Messages dialect, with models routed to
/// OpenAI, Gemini, Anthropic, Bedrock and the mock: text and usage, streams reassembled by the SDK, tool use.
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class AnthropicSdkTests(ProviderPlatform providers)
{
    private const string Prompt = "Say hi";

    public static TheoryData<string> Families => new("openai", "gemini", "anthropic", "bedrock", "mock", "azure", "mistral");

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Create_EachFamily_ReturnsTextAndStoresSameUsage(string name)
    {
        var family = ProviderFamily.Named(name);
        Message message = null!;

        var record = await providers.UsageOfAsync(family.ChatModel, stream: false, async () =>
            message = await providers.AnthropicSdk().Messages.Create(Params(family, [new UserMessageParam(Prompt)])));

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(FakeExpect.Text(family, Prompt), text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Equal(family.ChatModel, message.Model.Raw());
        Assert.StartsWith("msg_", message.ID, StringComparison.Ordinal);
        FakeExpect.TextUsage(family, Prompt, message.Usage.InputTokens, message.Usage.OutputTokens);
        Assert.Equal(
            (family.Kind, false, 200, message.Usage.InputTokens, message.Usage.OutputTokens),
            (record.ProviderKind, record.Stream, record.StatusCode, (long)record.PromptTokens, (long)record.CompletionTokens));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CreateStreaming_EachFamily_EventSequenceReassemblesToTheMessage(string name)
    {
        var family = ProviderFamily.Named(name);
        List<RawMessageStreamEvent> events = [];

        var record = await providers.UsageOfAsync(family.ChatModel, stream: true, async () =>
        {
            await foreach (var e in providers.AnthropicSdk().Messages.CreateStreaming(Params(family, [new UserMessageParam(Prompt)])))
            {
                events.Add(e);
            }
        });
        var message = await events.ToAsyncEnumerable().Aggregate();

        Assert.True(events[0].TryPickStart(out _), "message_start first");
        Assert.True(events[^1].TryPickStop(out _), "message_stop last");
        Assert.True(events.Count(e => e.TryPickContentBlockDelta(out _)) >= FakeExpect.OutputTokens(family, Prompt), "one text delta per word");
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(FakeExpect.Text(family, Prompt), text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        FakeExpect.TextUsage(family, Prompt, message.Usage.InputTokens, message.Usage.OutputTokens);
        Assert.Equal((family.Kind, true, message.Usage.InputTokens, message.Usage.OutputTokens), (record.ProviderKind, record.Stream, (long)record.PromptTokens, (long)record.CompletionTokens));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Create_ToolOffered_EachFamily_ToolUseThenToolResultAnswered(string name)
    {
        var family = ProviderFamily.Named(name);
        var client = providers.AnthropicSdk();
        List<MessageParam> messages = [new UserMessageParam(FakeExpect.ToolPrompt)];

        var call = await client.Messages.Create(Params(family, messages, withTool: true));

        Assert.Equal(StopReason.ToolUse, call.StopReason!.Value());
        var toolUse = call.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();
        Assert.Equal(FakeExpect.WeatherTool, toolUse.Name);
        Assert.Equal("Paris", toolUse.Input["location"].GetString());
        Assert.False(string.IsNullOrEmpty(toolUse.ID));

        messages.Add(new AssistantMessageParam(new List<ContentBlockParam>
        {
            new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input },
        }));
        messages.Add(new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam(toolUse.ID) { Content = FakeExpect.ToolResult } }));
        var answer = await client.Messages.Create(Params(family, messages, withTool: true));

        Assert.Equal(StopReason.EndTurn, answer.StopReason!.Value());
        Assert.True(answer.Content[0].TryPickText(out var text));
        FakeExpect.ToolReply(family, text.Text);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CreateStreaming_ToolOffered_EachFamily_SdkReassemblesToolInput(string name)
    {
        var family = ProviderFamily.Named(name);

        var message = await providers.AnthropicSdk().Messages
            .CreateStreaming(Params(family, [new UserMessageParam(FakeExpect.ToolPrompt)], withTool: true)).Aggregate();

        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        var toolUse = message.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();
        Assert.Equal(FakeExpect.WeatherTool, toolUse.Name);
        Assert.Equal("Paris", toolUse.Input["location"].GetString());
        if (!family.IsMock)
        {
            Assert.Equal(3, message.Usage.OutputTokens);
        }
    }

    internal static MessageCreateParams Params(ProviderFamily family, List<MessageParam> messages, bool withTool = false, string? model = null) => new()
    {
        Model = model ?? family.ChatModel,
        MaxTokens = 256,
        Messages = messages,
        Tools = withTool ? [WeatherTool()] : null,
    };

    internal static Tool WeatherTool() => new()
    {
        Name = FakeExpect.WeatherTool,
        Description = "Current weather",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["location"] = System.Text.Json.JsonSerializer.SerializeToElement(new { type = "string", description = "City" }),
            },
            Required = ["location"],
        },
    };

}
