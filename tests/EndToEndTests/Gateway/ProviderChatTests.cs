using System.Text;
using OpenAI.Chat;
using Switchyard.EndToEndTests.Infrastructure;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// The official OpenAI .NET SDK against a model routed to each provider family (the fake upstream speaks that family's
/// wire format): text and usage, as the SDK reads them and as the control plane stores them.
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class ProviderChatTests(ProviderPlatform providers)
{
    private const string Prompt = "Say hi";

    public static TheoryData<string> Families => new(ProviderFamily.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChat_EachFamily_ReturnsAnswerAndStoresSameUsage(string name)
    {
        var family = ProviderFamily.Named(name);
        ChatCompletion completion = null!;

        var record = await providers.UsageOfAsync(family.ChatModel, stream: false, async () =>
            completion = await providers.OpenAIChat(family.ChatModel).CompleteChatAsync([new UserChatMessage(Prompt)]));

        Assert.Equal(FakeExpect.Text(family, Prompt), completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        FakeExpect.TextUsage(family, Prompt, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount);
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.Equal(
            (family.Kind, false, 200, completion.Usage.InputTokenCount, completion.Usage.OutputTokenCount),
            (record.ProviderKind, record.Stream, record.StatusCode, record.PromptTokens, record.CompletionTokens));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CompleteChatStreaming_EachFamily_ReassemblesTextWithUsageAndStoresIt(string name)
    {
        var family = ProviderFamily.Named(name);
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        var updates = 0;

        var record = await providers.UsageOfAsync(family.ChatModel, stream: true, async () =>
        {
            await foreach (var update in providers.OpenAIChat(family.ChatModel).CompleteChatStreamingAsync([new UserChatMessage(Prompt)]))
            {
                updates++;
                text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
                finish ??= update.FinishReason;
                usage ??= update.Usage;
            }
        });

        Assert.Equal(FakeExpect.Text(family, Prompt), text.ToString());
        Assert.True(updates > 3, $"expected one chunk per word, got {updates}");
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        FakeExpect.TextUsage(family, Prompt, usage.InputTokenCount, usage.OutputTokenCount);
        Assert.Equal(
            (family.Kind, true, 200, usage.InputTokenCount, usage.OutputTokenCount),
            (record.ProviderKind, record.Stream, record.StatusCode, record.PromptTokens, record.CompletionTokens));
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    [InlineData("bedrock")]
    public async Task CompleteChat_SystemAndEarlierTurns_AnswersLastUserTurn(string name)
    {
        var family = ProviderFamily.Named(name);

        ChatCompletion completion = await providers.OpenAIChat(family.ChatModel).CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("first"), new AssistantChatMessage("ok"), new UserChatMessage("second")]);

        Assert.Equal(FakeExpect.Text(family, "second"), completion.Content[0].Text);
    }

    [Theory]
    [InlineData("azure", "/azure/openai/deployments/fake-chat/chat/completions?api-version=2024-10-21")]
    [InlineData("azure-v1", "/azure/openai/v1/chat/completions")]
    [InlineData("gemini", "/gemini/v1beta/models/gemini-2.0-flash-chat:generateContent")]
    [InlineData("bedrock", "/bedrock/model/anthropic.claude-3-5-haiku-chat/converse")]
    [InlineData("anthropic", "/anthropic/v1/messages")]
    [InlineData("mistral", "/mistral/v1/chat/completions")]
    [InlineData("openai", "/openai/v1/chat/completions")]
    public async Task CompleteChat_EachFamily_CallsTheProvidersOwnUrl(string name, string pathAndQuery)
    {
        var family = ProviderFamily.Named(name);
        var before = providers.Fake.Requests.Count;

        await providers.OpenAIChat(family.ChatModel).CompleteChatAsync([new UserChatMessage(Prompt)]);

        var sent = Assert.Single(providers.Fake.Requests.Skip(before));
        Assert.Equal(("POST", pathAndQuery), (sent.Method, sent.PathAndQuery));
    }
}
