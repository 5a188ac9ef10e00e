using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Providers.Gemini;
using static Switchyard.DataPlane.Tests.Providers.Gemini.GeminiTestSupport;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

public class GeminiEmbeddingProviderTests
{
    [Fact]
    public async Task EmbedAsync_TwoInputs_PostsBatchEmbedContentsAndReturnsVectorsInOrder()
    {
        await using var upstream = await RespondWithAsync(200, """{"embeddings": [{"values": [0.25, -1.5, 3]}, {"values": [1e-3, 0, 2.5]}]}""");
        var request = new EmbeddingRequest { Model = "public-embed", Dimensions = 3 };
        request.Inputs.AddRange(["hello world", "bye"]);

        var result = await new GeminiEmbeddingProvider(Client()).EmbedAsync(request, Deployment(upstream.BaseUrl, "text-embedding-004"), CancellationToken.None);

        var response = result.Value!;
        Assert.Equal([0.25f, -1.5f, 3f], response.Vectors[0]);
        Assert.Equal([0.001f, 0f, 2.5f], response.Vectors[1]);
        Assert.Equal("text-embedding-004", response.UpstreamModel);
        Assert.Equal(4, response.PromptTokens); // (11 + 3) characters / 4, rounded up: Gemini reports no token count.
        var call = upstream.Last;
        Assert.Equal("/v1beta/models/text-embedding-004:batchEmbedContents", call.PathAndQuery);
        Assert.Equal(Key, call.Headers["x-goog-api-key"]);
        AssertJsonEqual(Json("""
            {"requests":[
              {"model":"models/text-embedding-004","content":{"parts":[{"text":"hello world"}]},"outputDimensionality":3},
              {"model":"models/text-embedding-004","content":{"parts":[{"text":"bye"}]},"outputDimensionality":3}]}
            """), Json(call.Body));
    }

    [Fact]
    public async Task EmbedAsync_InvalidKey_IsUpstreamAuthFailure()
    {
        await using var upstream = await RespondWithAsync(400, Infrastructure.Fixture.Text("gemini-error-400-api-key.json"));
        var request = new EmbeddingRequest();
        request.Inputs.Add("x");

        var error = (await new GeminiEmbeddingProvider(Client()).EmbedAsync(request, Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal(GatewayErrorKind.Upstream, error.Kind);
        Assert.Equal("upstream_auth_failed", error.Code);
    }

    [Fact]
    public async Task EmbedAsync_FewerVectorsThanInputs_IsInvalidUpstreamResponse()
    {
        await using var upstream = await RespondWithAsync(200, """{"embeddings": [{"values": [1]}]}""");
        var request = new EmbeddingRequest();
        request.Inputs.AddRange(["a", "b"]);

        var error = (await new GeminiEmbeddingProvider(Client()).EmbedAsync(request, Deployment(upstream.BaseUrl), CancellationToken.None)).Error!;

        Assert.Equal("invalid_upstream_response", error.Code);
    }
}
