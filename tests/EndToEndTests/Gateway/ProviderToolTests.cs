using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// Tool calls through the OpenAI .NET SDK for each provider family: the call (name, parsed arguments, id), then the
/// tool result sent back under that id and answered, which proves the ids round-trip (Gemini's synthesised ones,
/// Mistral's 9-character ones, Bedrock's toolUseId, Anthropic's toolu_ ids).
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class ProviderToolTests(ProviderPlatform providers)
{
    public static TheoryData<string> Families => new(ProviderFamily.All.Select(f => f.Name));

    private static ChatCompletionOptions Options() => new()
    {
        Tools = { ChatTool.CreateFunctionTool(FakeExpect.WeatherTool, "Current weather", BinaryData.FromString(FakeExpect.WeatherSchema)) },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChat_ToolOffered_EachFamily_CallsToolThenAnswersItsResult(string name)
    {
        var family = ProviderFamily.Named(name);
        var client = providers.OpenAIChat(family.ChatModel);
        List<ChatMessage> messages = [new UserChatMessage(FakeExpect.ToolPrompt)];

        ChatCompletion call = await client.CompleteChatAsync(messages, Options());

        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        var toolCall = Assert.Single(call.ToolCalls);
        Assert.Equal(FakeExpect.WeatherTool, toolCall.FunctionName);
        Assert.Equal("Paris", Location(toolCall.FunctionArguments.ToString()));
        Assert.False(string.IsNullOrEmpty(toolCall.Id));
        if (!family.IsMock)
        {
            Assert.Equal((FakeAnswer.InputTokens, 3), (call.Usage.InputTokenCount, call.Usage.OutputTokenCount));
        }

        messages.Add(new AssistantChatMessage(call));
        messages.Add(new ToolChatMessage(toolCall.Id, FakeExpect.ToolResult));
        ChatCompletion answer = await client.CompleteChatAsync(messages, Options());

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        FakeExpect.ToolReply(family, answer.Content[0].Text);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChatStreaming_ToolOffered_EachFamily_StreamsCallThenAnswersItsResult(string name)
    {
        var family = ProviderFamily.Named(name);
        var client = providers.OpenAIChat(family.ChatModel);
        List<ChatMessage> messages = [new UserChatMessage(FakeExpect.ToolPrompt)];
        string? id = null, function = null;
        var arguments = new StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in client.CompleteChatStreamingAsync(messages, Options()))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                Assert.Equal(0, part.Index);
                id ??= part.ToolCallId;
                function ??= part.FunctionName;
                arguments.Append(part.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(FakeExpect.WeatherTool, function);
        Assert.Equal("Paris", Location(arguments.ToString()));
        Assert.False(string.IsNullOrEmpty(id));

        messages.Add(new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(id, function, BinaryData.FromString(arguments.ToString()))]));
        messages.Add(new ToolChatMessage(id, FakeExpect.ToolResult));
        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync(messages, Options()))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        FakeExpect.ToolReply(family, text.ToString());
    }

    [Theory]
    [InlineData("mistral", "call_Xq3TzW8pLm2NvB7cRk5YdH1s", 9)]
    [InlineData("mistral", "a1B2c3D4e", 9)]
    [InlineData("groq", "toolu_01A09q90qw90lq917835lq9", 29)]
    public async Task CompleteChat_ReplayedToolCallId_UpstreamGetsAnIdItAccepts(string name, string callerId, int upstreamLength)
    {
        var client = providers.OpenAIChat(ProviderFamily.Named(name).ChatModel);
        var before = providers.Fake.Requests.Count;

        ChatCompletion answer = await client.CompleteChatAsync(
        [
            new UserChatMessage(FakeExpect.ToolPrompt),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(callerId, FakeExpect.WeatherTool, BinaryData.FromString("""{"location":"Paris"}"""))]),
            new ToolChatMessage(callerId, FakeExpect.ToolResult),
        ], Options());

        FakeExpect.ToolReply(ProviderFamily.Named(name), answer.Content[0].Text);
        var sent = providers.Fake.Requests.Skip(before).Single().Json["messages"]!;
        var upstreamId = sent[1]!["tool_calls"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(upstreamLength, upstreamId.Length);
        Assert.Equal(upstreamId, sent[2]!["tool_call_id"]!.GetValue<string>());
        if (callerId.Length == upstreamLength)
        {
            Assert.Equal(callerId, upstreamId);
        }
    }

    private static string? Location(string arguments)
    {
        using var document = JsonDocument.Parse(arguments);
        return document.RootElement.GetProperty("location").GetString();
    }
}
