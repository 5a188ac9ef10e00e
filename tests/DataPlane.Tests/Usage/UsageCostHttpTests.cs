using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Costs;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Tests.Usage;

/// <summary>A node whose routes carry resolved prices and whose key carries tags and allows request tags.</summary>
public sealed class PricedHostFixture : IAsyncLifetime
{
    public static readonly DeploymentPrice MockPrice = new("test-price-v1", DeploymentPrice.FromDeployment, 0.15m, 0.60m);
    public static readonly DeploymentPrice CutPrice = new("test-price-cut", DeploymentPrice.FromCatalog, 2.5m, 10m);

    internal DataPlaneTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await DataPlaneTestHost.StartAsync(customize: snapshot =>
    {
        var hang = snapshot.Routes.Single(r => r.PublicModel == "hang").Deployments[0];
        snapshot = snapshot
            .AddRoute("priced-mock", ProviderKinds.Mock, "mock-1", null)
            .AddRoute("cut", ProviderKinds.OpenAI, "up-cut", hang.BaseUrl, TestSnapshots.UpstreamSecret);
        return snapshot with
        {
            Routes = snapshot.Routes.Select(r => r.PublicModel switch
            {
                "priced-mock" => r with { Deployments = [r.Deployments[0] with { Price = MockPrice }] },
                "cut" => r with { Deployments = [r.Deployments[0] with { Price = CutPrice }] },
                _ => r,
            }).ToArray(),
            Keys = snapshot.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { Tags = ["cost-center:4711"], AllowRequestTags = true } : k).ToArray(),
        };
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public class UsageCostHttpTests(PricedHostFixture fixture) : IClassFixture<PricedHostFixture>
{
    [Fact]
    public async Task Post_PricedRouteWithRequestTags_RecordCarriesCostPriceVersionAndTags()
    {
        using var request = DataPlaneTestHost.Chat("priced-mock");
        request.Headers.Add(TagRules.Header, "app:search");

        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var usage = await fixture.Host.WaitForUsageAsync(r => r.Model == "priced-mock");
        Assert.True(usage.PromptTokens > 0 && usage.CompletionTokens > 0);
        var expected = CostCalculator.CostMicros(new TokenUsage(usage.PromptTokens, usage.CompletionTokens), PricedHostFixture.MockPrice);
        Assert.Equal(decimal.Round((usage.PromptTokens * 0.15m) + (usage.CompletionTokens * 0.60m), MidpointRounding.AwayFromZero), expected);
        Assert.Equal((expected, "test-price-v1", false), (usage.CostMicros, usage.PriceVersion, usage.Estimated));
        Assert.Equal(["cost-center:4711", "app:search"], usage.Tags!);
        Assert.Equal((TestSnapshots.KeyId, TestSnapshots.TeamId), (usage.KeyId, usage.TeamId));
    }

    [Fact]
    public async Task Post_InvalidTagsHeader_Returns400InTheOpenAIDialect()
    {
        using var request = DataPlaneTestHost.Chat("priced-mock");
        request.Headers.Add(TagRules.Header, "Cost Center");

        using var response = await fixture.Host.Client.SendAsync(request);

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "invalid_tags");
        Assert.Contains("Cost Center", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_InvalidTagsHeader_Returns400InTheAnthropicDialect()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"priced-mock","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add(TagRules.Header, "app:ok,bad tag");

        using var response = await fixture.Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(TagRules.Header, body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_TagsHeaderOnKeyThatDoesNotAllowIt_Returns400()
    {
        using var request = DataPlaneTestHost.Chat("gpt-mock", key: TestSnapshots.RestrictedKey);
        request.Headers.Add(TagRules.Header, "app:search");

        using var response = await fixture.Host.Client.SendAsync(request);

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, "invalid_tags");
        Assert.Contains("does not allow request tags", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Post_StreamAbandonedBeforeUsage_BilledForTheStreamedTextAndFlaggedEstimated()
    {
        using var request = DataPlaneTestHost.Chat("cut", stream: true);
        var requestBytes = (await request.Content!.ReadAsByteArrayAsync()).Length;
        var response = await fixture.Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("Hello", StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer);
            Assert.True(read > 0, "The stream ended before the text arrived.");
            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        response.Dispose();

        var usage = await fixture.Host.WaitForUsageAsync(r => r.Model == "cut");
        Assert.Equal(499, usage.StatusCode);
        Assert.True(usage.Estimated);

        // "Hello" is 5 characters → 2 tokens; the input is estimated from the request body at 4 bytes per token.
        var tokens = new TokenUsage((requestBytes + 3) / 4, 2);
        Assert.Equal((tokens.InputTokens, tokens.OutputTokens), (usage.PromptTokens, usage.CompletionTokens));
        Assert.Equal(CostCalculator.CostMicros(tokens, PricedHostFixture.CutPrice), usage.CostMicros);
        Assert.Equal("test-price-cut", usage.PriceVersion);
    }
}
