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
/// A key's own rate limit, as the official SDKs see it: the OpenAI SDK's 429 <see cref="ClientResultException"/> (it has
/// no narrower type) with OpenAI's error body and <c>x-ratelimit-*</c> headers, and the Anthropic SDK's
/// <see cref="AnthropicRateLimitException"/>; successful answers carry the headers too.
/// </summary>
public class RateLimitSdkTests(EmbeddedPlatformFixture platform) : IClassFixture<EmbeddedPlatformFixture>
{
    [Fact]
    public async Task CompleteChat_OverKeyRequestsPerMinute_Throws429WithOpenAIBodyAndHeaders()
    {
        var client = new ChatClient(TenantScenario.MockModel, new ApiKeyCredential(await LimitedKeyAsync(requestsPerMinute: 1)), new OpenAIClientOptions
        {
            Endpoint = new Uri(platform.GatewayUrl + "/v1"),
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
        });
        var first = await EventuallyAsync(() => client.CompleteChatAsync([new UserChatMessage("first")]));
        Assert.True(first.GetRawResponse().Headers.TryGetValue("x-ratelimit-remaining-requests", out var remaining));
        Assert.Equal("0", remaining);

        var error = await OverLimitAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("second")]));

        Assert.Equal(429, error.Status);
        var response = error.GetRawResponse()!;
        Assert.True(response.Headers.TryGetValue("Retry-After", out _));
        Assert.True(response.Headers.TryGetValue("x-ratelimit-limit-requests", out var limit));
        Assert.Equal("1", limit);
        var body = JsonDocument.Parse(response.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("rate_limit_exceeded", body.GetProperty("code").GetString());
        Assert.Equal("requests", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task CreateMessage_OverKeyRequestsPerMinute_ThrowsAnthropicRateLimitException()
    {
        var client = new AnthropicClient { BaseUrl = platform.GatewayUrl, ApiKey = await LimitedKeyAsync(requestsPerMinute: 1), MaxRetries = 0 };
        MessageCreateParams Params() => new() { Model = TenantScenario.MockModel, MaxTokens = 64, Messages = [new UserMessageParam("hi")] };
        await EventuallyAsync(async () => await client.Messages.Create(Params()));

        var error = await OverLimitAsync<AnthropicRateLimitException>(() => client.Messages.Create(Params()));

        Assert.Equal((System.Net.HttpStatusCode)429, error.StatusCode);
    }

    private async Task<string> LimitedKeyAsync(int requestsPerMinute)
    {
        var scenario = await TenantScenario.CreateAsync(platform.Admin);
        var created = await platform.Admin.PostAsync<CreatedKeyDto>($"/api/tenants/{scenario.Tenant.Id}/keys",
            new CreateKeyRequest(scenario.Team.Id, "limited", Limits: new RateLimits(RequestsPerMinute: requestsPerMinute)));
        return created.Secret;
    }

    /// <summary>The call refused by the limit; a minute that rolls between two calls grants one more, so it gets a second try.</summary>
    private static async Task<TException> OverLimitAsync<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException refused)
        {
            return refused;
        }

        return await Assert.ThrowsAsync<TException>(call);
    }

    /// <summary>A key created through the API reaches the node within a couple of seconds; retry 401s until then.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is ClientResultException { Status: 401 } or AnthropicUnauthorizedException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
