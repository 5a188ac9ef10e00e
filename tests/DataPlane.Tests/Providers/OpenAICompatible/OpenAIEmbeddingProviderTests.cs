using System.Text.Json.Nodes;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

public class OpenAIEmbeddingProviderTests
{
    private readonly OpenAIEmbeddingProvider _provider = new(OpenAIProviderKit.Client);

    [Theory]
    [InlineData("openai-embeddings-response.json")]
    [InlineData("openai-embeddings-response-base64.json")]
    public async Task EmbedAsync_RecordedResponse_GivesVectorsInOrderAndTokens(string fixture)
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, fixture, null));

        var result = await _provider.EmbedAsync(Request(), OpenAIProviderKit.Deployment(ProviderKinds.OpenAI, "text-embedding-3-small", upstream.BaseUrl + "/v1"), default);

        var response = Assert.IsType<EmbeddingResponse>(result.Value);
        var expected = FixtureRequests.Root("openai-embeddings-response.json").GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToList();
        Assert.Equal(expected, response.Vectors);
        Assert.Equal(18, response.PromptTokens);
        Assert.Equal("text-embedding-3-small", response.UpstreamModel);
    }

    [Fact]
    public async Task EmbedAsync_Request_MatchesRecordedBody()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "openai-embeddings-response.json", null));

        await _provider.EmbedAsync(Request(), OpenAIProviderKit.Deployment(ProviderKinds.Mistral, "text-embedding-3-small", upstream.BaseUrl + "/v1"), default);

        Assert.Equal("/v1/embeddings", upstream.Last.PathAndQuery);
        Assert.Equal("Bearer " + OpenAIProviderKit.Secret, upstream.Last.Headers["Authorization"]);
        OpenAIProviderKit.JsonEqual(JsonNode.Parse(Fixture.Bytes("openai-embeddings-request.json")), upstream.Last.Body);
    }

    [Theory]
    [InlineData(null, "/openai/deployments/embed-prod/embeddings?api-version=2024-10-21", false)]
    [InlineData("v1", "/openai/v1/embeddings", true)]
    public async Task EmbedAsync_Azure_UsesDeploymentUrl(string? apiVersion, string path, bool sendsModel)
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(200, "openai-embeddings-response.json", null));
        var settings = new Dictionary<string, string> { ["deployment"] = "embed-prod" };
        if (apiVersion is not null)
        {
            settings["apiVersion"] = apiVersion;
        }

        var result = await _provider.EmbedAsync(Request(), OpenAIProviderKit.Deployment(ProviderKinds.AzureOpenAI, "text-embedding-3-small", upstream.BaseUrl, settings: settings), default);

        Assert.Equal(2, result.Value!.Vectors.Count);
        Assert.Equal(path, upstream.Last.PathAndQuery);
        Assert.Equal(OpenAIProviderKit.Secret, upstream.Last.Headers["api-key"]);
        Assert.Equal(sendsModel, (string?)upstream.Last.Json["model"] == "embed-prod");
    }

    [Fact]
    public async Task EmbedAsync_OutOfOrderIndexes_AreSortedByIndex()
    {
        await using var upstream = await FakeUpstream.StartAsync(
            FakeReply.Json("""{"data":[{"index":1,"embedding":[2.5]},{"index":0,"embedding":[1.5]}],"model":"m","usage":{"prompt_tokens":3}}"""));

        var result = await _provider.EmbedAsync(Request(), OpenAIProviderKit.Deployment(ProviderKinds.Vllm, "m", upstream.BaseUrl), default);

        Assert.Equal([[1.5f], [2.5f]], result.Value!.Vectors);
    }

    [Fact]
    public async Task EmbedAsync_UpstreamError_IsMapped()
    {
        await using var upstream = await FakeUpstream.StartAsync(OpenAIProviderKit.Recorded(404, "openai-error-404-model.json", null));

        var result = await _provider.EmbedAsync(Request(), OpenAIProviderKit.Deployment(ProviderKinds.OpenAI, "m", upstream.BaseUrl), default);

        Assert.Equal(GatewayErrorKind.NotFound, result.Error?.Kind);
    }

    private static EmbeddingRequest Request()
    {
        var request = new EmbeddingRequest { Model = "embed-small", Dimensions = 8, User = "user-1234" };
        request.Inputs.AddRange(["The food was delicious and the waiter...", "The quick brown fox jumped over the lazy dog"]);
        return request;
    }
}
