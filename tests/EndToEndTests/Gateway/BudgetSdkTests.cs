using System.ClientModel;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Shared.Admin;
using Switchyard.Shared.Configuration;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// A key whose budget cannot cover a request, as the official SDKs see it: the OpenAI SDK's 429
/// <see cref="ClientResultException"/> with <c>budget_exceeded</c> / <c>insufficient_quota</c>, and the Anthropic SDK's
/// <see cref="AnthropicRateLimitException"/> with a message naming the budget.
/// </summary>
public class BudgetSdkTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    private const string PricedModel = "priced-mock";

    [Fact]
    public async Task CompleteChat_OverKeyBudget_Throws429WithBudgetExceeded()
    {
        var client = new ChatClient(PricedModel, new ApiKeyCredential(await BudgetedKeyAsync()), new OpenAIClientOptions
        {
            Endpoint = new Uri(platform.GatewayUrl + "/v1"),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
        });

        var error = await RefusedAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")]));

        var text = error.GetRawResponse()!.Content.ToString();
        Assert.True(error.Status == 429, $"{error.Status}: {text}");
        var body = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("budget_exceeded", body.GetProperty("code").GetString());
        Assert.Equal("insufficient_quota", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CreateMessage_OverKeyBudget_ThrowsAnthropicRateLimitExceptionNamingTheBudget()
    {
        var client = new AnthropicClient { BaseUrl = platform.GatewayUrl, ApiKey = await BudgetedKeyAsync(), MaxRetries = 0 };

        var error = await RefusedAsync<AnthropicRateLimitException>(() => client.Messages.Create(new MessageCreateParams
        {
            Model = PricedModel, MaxTokens = 64, Messages = [new UserMessageParam("hi")],
        }));

        Assert.Equal((System.Net.HttpStatusCode)429, error.StatusCode);
        Assert.Contains("budget", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A key with a one-micro-dollar budget on a tenant whose mock route is priced.</summary>
    private async Task<string> BudgetedKeyAsync()
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        await platform.Admin.CreateRouteAsync(scenario.Tenant.Id, new RouteRequest(PricedModel,
            [new DeploymentRequest(ProviderKinds.Mock, "mock-1", InputPricePerMTok: 1m, OutputPricePerMTok: 2m)]));
        var created = await platform.Admin.PostAsync<CreatedKeyDto>($"/api/tenants/{scenario.Tenant.Id}/keys",
            new CreateKeyRequest(scenario.Team.Id, "budgeted", Budget: new Budget(0.000001m, BudgetPeriods.Total)));
        return created.Secret;
    }

    /// <summary>
    /// The budget's refusal; a key and route created through the API reach the node within a couple of seconds (401s or
    /// 404s until then).
    /// </summary>
    private static async Task<TException> RefusedAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await call();
                Assert.Fail("The request was admitted over its budget.");
            }
            catch (Exception e) when (e is ClientResultException { Status: 401 or 404 } or AnthropicUnauthorizedException or AnthropicNotFoundException
                && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (TException refused)
            {
                return refused;
            }
        }
    }
}
