using System.ClientModel;
using System.Text;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>The official OpenAI .NET SDK pointed at the gateway of the all-in-one host, as an application team would.</summary>
public class OpenAISdkTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    [Fact]
    public async Task CompleteChat_MockRoute_ReturnsCompletionWithUsage()
    {
        var (client, _) = await ClientAsync(TenantScenario.MockModel);

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_MockRoute_StreamsTextAndUsage()
    {
        var (client, _) = await ClientAsync(TenantScenario.MockModel);
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        var updates = 0;

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Stream please")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        Assert.True(updates > 2, "expected several chunks");
        Assert.False(string.IsNullOrWhiteSpace(text.ToString()));
        Assert.NotNull(usage);
        Assert.True(usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChat_OpenAICompatibleUpstream_ForwardsWithUpstreamKey()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var upstream = platform.Upstream;
        var credential = await platform.Admin.CreateCredentialAsync(scenario.Tenant.Id, "upstream", ProviderKinds.OpenAI, upstream.OpenAIKey);
        await platform.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest("gpt-4o-mini",
            [new DeploymentRequest(ProviderKinds.OpenAI, "gpt-4o-mini-2024-07-18", upstream.OpenAIBaseUrl, credential.Id)]));
        var key = await scenario.CreateKeyAsync(platform.Admin);
        var client = Client("gpt-4o-mini", key);

        ChatCompletion completion = await EventuallyAsync(() => client.CompleteChatAsync([new UserChatMessage("hi")]));
        var streamed = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
        }

        var answer = FakeAnswer.Greeting("openai", "hi");
        Assert.Equal(answer, completion.Content[0].Text);
        Assert.Equal(FakeAnswer.InputTokens + FakeAnswer.SplitWords(answer).Count, completion.Usage.TotalTokenCount);
        Assert.Equal(answer, streamed.ToString());
        var sent = upstream.Requests.Last(r => r.Path == "/openai/v1/chat/completions");
        Assert.Equal("Bearer " + upstream.OpenAIKey, sent.Header("Authorization"));
        Assert.Equal("gpt-4o-mini-2024-07-18", sent.Json["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task CompleteChat_BadKey_Throws401()
    {
        var client = Client(TenantScenario.MockModel, "sk-sy-not-a-real-key");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task CompleteChat_ModelNotAllowedForKey_Throws403()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        await platform.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest("other-model", [new DeploymentRequest(ProviderKinds.Mock, "m")]));
        var key = await scenario.CreateKeyAsync(platform.Admin, [TenantScenario.MockModel]);
        await EventuallyAsync(() => Client(TenantScenario.MockModel, key).CompleteChatAsync([new UserChatMessage("hi")]));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("other-model", key).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task CompleteChat_UnknownModel_Throws404()
    {
        var (_, key) = await ClientAsync(TenantScenario.MockModel);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("no-such-model", key).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetModels_KeyRestrictedToOneModel_ListsOnlyThatModel()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        await platform.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest("hidden-model", [new DeploymentRequest(ProviderKinds.Mock, "m")]));
        var key = await scenario.CreateKeyAsync(platform.Admin, [TenantScenario.MockModel]);
        var models = new OpenAIModelClient(new ApiKeyCredential(key), Options());

        OpenAIModelCollection list = await EventuallyAsync(() => models.GetModelsAsync());

        Assert.Equal([TenantScenario.MockModel], list.Select(m => m.Id).ToArray());
    }

    private async Task<(ChatClient Client, string Key)> ClientAsync(string model)
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var key = await scenario.CreateKeyAsync(platform.Admin);
        var client = Client(model, key);
        await EventuallyAsync(() => client.CompleteChatAsync([new UserChatMessage("warm-up")]));
        return (client, key);
    }

    private ChatClient Client(string model, string key) => new(model, new ApiKeyCredential(key), Options());

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(platform.GatewayUrl + "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) };

    /// <summary>A key or route created through the API reaches the node within a couple of seconds; retry 401/404 until then.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<ClientResult<T>>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                return (await call()).Value;
            }
            catch (ClientResultException e) when (e.Status is 401 or 404 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
