using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Switchyard.EndToEndTests.Infrastructure;

public sealed partial class FakeUpstreamTests
{
    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    [InlineData("groq")]
    public async Task OpenAISdk_StreamingAgainstFake_ReadsTextAndUsage(string family)
    {
        var (endpoint, key) = family == "azure" ? (_fake.AzureBaseUrl + "/openai/v1", _fake.AzureKey) : (_fake.FlavorBaseUrl(family), _fake.OpenAIKey);
        var client = new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(endpoint) });
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal($"Hello from {family}! You said: hi", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        if (family != "groq")
        {
            Assert.Equal((11, 6), (usage!.InputTokenCount, usage.OutputTokenCount));
        }
    }

    [Fact]
    public async Task OpenAISdk_ToolCallAgainstFake_ParsesCallAndArguments()
    {
        var client = new ChatClient("gpt-4o", new ApiKeyCredential(_fake.OpenAIKey), new OpenAIClientOptions { Endpoint = new Uri(_fake.OpenAIBaseUrl) });
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString(WeatherTool)) } };

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Weather?")], options);
        var arguments = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather?")], options))
        {
            arguments.Append(string.Concat(update.ToolCallUpdates.Select(t => t.FunctionArgumentsUpdate?.ToString())));
        }

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather", completion.ToolCalls[0].FunctionName);
        Assert.Equal(WeatherArguments, completion.ToolCalls[0].FunctionArguments.ToString());
        Assert.Equal(WeatherArguments, arguments.ToString());
    }
}
