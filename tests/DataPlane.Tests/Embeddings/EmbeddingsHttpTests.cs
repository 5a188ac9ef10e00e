using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Embeddings;

public class EmbeddingsHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_ArrayOfStrings_ReturnsOneVectorPerInputAndRecordsUsage()
    {
        using var response = await Host.Client.SendAsync(Embeddings("""{"model":"gpt-mock","input":["first text","second"],"dimensions":8}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Equal("gpt-mock", root.GetProperty("model").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal([0, 1], data.EnumerateArray().Select(d => d.GetProperty("index").GetInt32()));
        Assert.All(data.EnumerateArray(), d => Assert.Equal(8, d.GetProperty("embedding").GetArrayLength()));
        var tokens = root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        Assert.True(tokens > 0);
        var usage = await Host.WaitForUsageAsync(r => r.Endpoint == "embeddings" && r.PromptTokens == tokens);
        Assert.Equal((0, 200), (usage.CompletionTokens, usage.StatusCode));
    }

    [Fact]
    public async Task Post_Base64_DecodesToTheSameFloatsAsFloatFormat()
    {
        using var floats = await Host.Client.SendAsync(Embeddings("""{"model":"gpt-mock","input":"same text","dimensions":16}"""));
        using var base64 = await Host.Client.SendAsync(Embeddings("""{"model":"gpt-mock","input":"same text","dimensions":16,"encoding_format":"base64"}"""));

        var expected = JsonDocument.Parse(await floats.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding")
            .EnumerateArray().Select(e => e.GetSingle()).ToArray();
        var encoded = JsonDocument.Parse(await base64.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("embedding").GetString()!;
        var decoded = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(encoded)).ToArray();
        Assert.Equal(expected, decoded);
        Assert.InRange(Math.Sqrt(decoded.Sum(v => (double)v * v)), 0.999, 1.001);
    }

    [Theory]
    [InlineData("""{"model":"gpt-mock"}""", "input", "missing_required_parameter")]
    [InlineData("""{"model":"gpt-mock","input":[[1,2,3]]}""", "input", "invalid_type")]
    [InlineData("""{"model":"gpt-mock","input":["ok",""]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"gpt-mock","input":"x","encoding_format":"int8"}""", "encoding_format", "invalid_value")]
    [InlineData("""{"model":"gpt-mock","input":"x","dimensions":0}""", "dimensions", "invalid_value")]
    [InlineData("""{"input":"x"}""", "model", "missing_required_parameter")]
    public async Task Post_BadBody_Returns400NamingTheParam(string body, string param, string code)
    {
        using var response = await Host.Client.SendAsync(Embeddings(body));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task Post_UnknownModel_Returns404()
    {
        using var response = await Host.Client.SendAsync(Embeddings("""{"model":"nope","input":"x"}"""));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.NotFound, "model_not_found");
    }

    [Fact]
    public async Task Post_BadKey_Returns401()
    {
        using var response = await Host.Client.SendAsync(Embeddings("""{"model":"gpt-mock","input":"x"}""", "sk-sy-unknown"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    private static HttpRequestMessage Embeddings(string body, string key = TestSnapshots.Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/embeddings") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
