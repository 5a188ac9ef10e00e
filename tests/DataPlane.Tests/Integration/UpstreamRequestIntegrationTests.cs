using System.Net;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Testing.Upstream;
using static Switchyard.DataPlane.Tests.Integration.WireBodies;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>What each fake upstream received from the node: URL, credential, upstream model, stream options.</summary>
public class UpstreamRequestIntegrationTests(ProviderIntegrationFixture fixture) : IClassFixture<ProviderIntegrationFixture>
{
    public static TheoryData<string, bool, bool> Matrix() => ProviderCases.DialectStreamMatrix();

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Upstream_AnyDialect_GetsFamilyUrlOwnCredentialAndUpstreamModel(string name, bool anthropicCaller, bool stream)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = anthropicCaller
            ? await fixture.MessagesAsync(MessagesBody(c.PublicModel, nonce, stream))
            : await fixture.ChatAsync(ChatBody(c.PublicModel, nonce, stream));
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
        Assert.Contains(nonce, answer, StringComparison.Ordinal);
        var upstream = fixture.UpstreamRequest(nonce);
        Assert.Equal(("POST", c.ExpectedTarget(stream)), (upstream.Method, upstream.PathAndQuery));
        c.AssertAuth(upstream, fixture.Fake);
        AssertNoCallerKey(upstream);
        Assert.DoesNotContain(c.PublicModel, upstream.Body, StringComparison.Ordinal);
        var body = upstream.Json;
        if (c.BodyModel is { } model)
        {
            Assert.Equal(model, Str(body["model"]));
        }
        else
        {
            Assert.Null(body["model"]);
        }

        AssertStreamFlags(c, body, stream);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Upstream_OpenAIWireStreamWithoutIncludeUsage_IsAskedForUsage(string name)
    {
        var c = ProviderCases.Get(name);
        var nonce = Nonce();

        using var response = await fixture.ChatAsync(ChatBody(c.PublicModel, nonce, stream: true, includeUsage: false));
        await response.Content.ReadAsStringAsync();

        var body = fixture.UpstreamRequest(nonce).Json;
        if (c.TakesStreamOptions)
        {
            Assert.True(body["stream_options"]?["include_usage"]?.GetValue<bool>(), body.ToJsonString());
        }
        else
        {
            Assert.Null(body["stream_options"]);
        }
    }

    public static TheoryData<string> Families()
    {
        var data = new TheoryData<string>();
        foreach (var c in ProviderCases.All.Where(c => c.OpenAIWire))
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>The caller's virtual key never reaches a provider: not in any header, not in the URL, not in the body.</summary>
    private static void AssertNoCallerKey(RecordedRequest upstream)
    {
        Assert.DoesNotContain(upstream.Headers, h => h.Value.Contains(TestSnapshots.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(TestSnapshots.Key, upstream.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSnapshots.Key, upstream.Body, StringComparison.Ordinal);
    }

    /// <summary>OpenAI-wire: stream true plus include_usage (Mistral: no stream_options); Anthropic: stream flag; others: none.</summary>
    private static void AssertStreamFlags(ProviderCase c, JsonNode body, bool stream)
    {
        if (c.OpenAIWire)
        {
            Assert.Equal(stream, body["stream"]?.GetValue<bool>() ?? false);
            if (stream && c.TakesStreamOptions)
            {
                Assert.True(body["stream_options"]?["include_usage"]?.GetValue<bool>(), body.ToJsonString());
            }
            else
            {
                Assert.Null(body["stream_options"]);
            }
        }
        else if (c.Kind == Shared.Configuration.ProviderKinds.Anthropic)
        {
            Assert.Equal(stream, body["stream"]?.GetValue<bool>() ?? false);
            Assert.NotNull(body["max_tokens"]);
        }
        else
        {
            Assert.Null(body["stream"]);
        }
    }
}
