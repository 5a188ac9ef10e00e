using System.Net;
using Switchyard.Testing.Upstream.Providers;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>The usage record the node publishes for each family, caller dialect and stream mode.</summary>
public class UsageRecordIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    /// <summary>Every family × caller dialect (true = Anthropic Messages) × stream; each combination is sent once.</summary>
    public static TheoryData<string, bool, bool> Matrix() => ProviderCases.DialectStreamMatrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Usage_SuccessfulRequest_RecordsTokensKindModelAndStatus(string name, bool anthropicCaller, bool stream)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        // OpenAI streams do not ask for include_usage: the node must still learn the counts for accounting.
        using var response = anthropicCaller
            ? await fixture.MessagesAsync(MessagesBody(c.PublicModel, nonce, stream))
            : await fixture.ChatAsync(ChatBody(c.PublicModel, nonce, stream));
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);

        var usage = await fixture.UsageAsync(c.PublicModel, anthropicCaller ? "messages" : "chat.completions", stream);
        Assert.Equal((c.Kind, c.UpstreamModel, 200, (string?)null), (usage.ProviderKind, usage.UpstreamModel, usage.StatusCode, usage.ErrorCode));
        var expected = (FakeAnswer.InputTokens, ExpectedTextTokens(c, nonce));
        Assert.Equal(expected, (usage.PromptTokens, usage.CompletionTokens));
        Assert.True(!stream || usage.TimeToFirstTokenMs is not null, "A stream records its time to first token.");
    }
}
