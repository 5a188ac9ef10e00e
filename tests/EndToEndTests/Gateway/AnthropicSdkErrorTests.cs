using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// The official Anthropic C# SDK against the gateway: count_tokens where the provider can count (others answer 400,
/// which the SDK surfaces as a bad request), and the SDK's typed errors for a bad key, a rate-limited upstream (429,
/// retries disabled), an overloaded Anthropic upstream (529) and a stream that breaks mid-way.
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class AnthropicSdkErrorTests(ProviderPlatform providers)
{
    public static TheoryData<string> Families => new("openai", "gemini", "anthropic", "bedrock", "mock");

    [Theory]
    [InlineData("anthropic")]
    [InlineData("gemini")]
    [InlineData("mock")]
    public async Task CountTokens_CountingProvider_ReturnsInputTokens(string name)
    {
        var family = ProviderFamily.Named(name);

        var count = await providers.AnthropicSdk().Messages.CountTokens(CountParams(family));

        if (family.IsMock)
        {
            Assert.True(count.InputTokens > 0);
        }
        else
        {
            Assert.Equal(FakeAnswer.InputTokens, count.InputTokens);
        }
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("bedrock")]
    [InlineData("mistral")]
    public async Task CountTokens_ProviderWithoutCounting_ThrowsBadRequest(string name)
    {
        var error = await Assert.ThrowsAsync<AnthropicBadRequestException>(() =>
            providers.AnthropicSdk().Messages.CountTokens(CountParams(ProviderFamily.Named(name))));

        Assert.Contains("count", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_BadKey_ThrowsAuthenticationError()
    {
        var family = ProviderFamily.Named("gemini");

        var error = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() =>
            providers.AnthropicSdk("sk-sy-not-a-real-key").Messages.Create(AnthropicSdkTests.Params(family, [new UserMessageParam("hi")])));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Create_RateLimitedUpstream_ThrowsRateLimitError(string name)
    {
        var family = ProviderFamily.Named(name);

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() =>
            providers.AnthropicSdk().Messages.Create(AnthropicSdkTests.Params(family, [new UserMessageParam("hi")], model: family.RateLimitModel)));

        Assert.Equal((System.Net.HttpStatusCode)429, error.StatusCode);
    }

    [Fact]
    public async Task Create_OverloadedAnthropicUpstream_ThrowsOverloaded529()
    {
        var family = ProviderFamily.Named("anthropic");

        var error = await Assert.ThrowsAsync<AnthropicOverloadedException>(() =>
            providers.AnthropicSdk().Messages.Create(AnthropicSdkTests.Params(family, [new UserMessageParam("hi")], model: family.OverloadedModel)));

        Assert.Equal((System.Net.HttpStatusCode)529, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task CreateStreaming_UpstreamBreaksMidStream_EnumerationThrows(string name)
    {
        var family = ProviderFamily.Named(name);
        var events = 0;
        var completed = false;

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var e in providers.AnthropicSdk().Messages.CreateStreaming(AnthropicSdkTests.Params(family, [new UserMessageParam("Say hi")], model: family.MidstreamModel)))
            {
                events++;
            }

            completed = true;
        });

        Assert.False(completed, $"the stream completed silently after {events} events");
        Assert.True(events > 1, "some events arrived before the failure");
        Assert.IsAssignableFrom<AnthropicException>(error);
    }

    private static MessageCountTokensParams CountParams(ProviderFamily family) => new()
    {
        Model = family.ChatModel,
        Messages = [new UserMessageParam("Say hi")],
        Tools = [AnthropicSdkTests.WeatherTool()],
    };
}
