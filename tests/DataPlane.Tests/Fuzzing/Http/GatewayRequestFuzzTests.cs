using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.DataPlane.Tests.Fuzzing.Dialects;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Fuzzing.Http;

/// <summary>
/// Mutated request bodies against a running node (Kestrel on 127.0.0.1 with the test snapshot) on every body endpoint:
/// chat completions (mock provider, and pass-through to the fake OpenAI upstream), messages, count_tokens and
/// embeddings. The node never answers 5xx and never hangs: a body it cannot serve is a 4xx in the endpoint's dialect,
/// a valid one a 2xx whose body arrives in full.
/// </summary>
public class GatewayRequestFuzzTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private const int Cases = 500;

    private static readonly JsonMutator OpenAIChat = new([.. RequestCorpus.OpenAIChat().SelectMany(b => (byte[][])[WithModel(b, "gpt-mock"), WithModel(b, "basic")])]);
    private static readonly JsonMutator Anthropic = new([.. RequestCorpus.Anthropic().Select(b => WithModel(b, "gpt-mock"))]);
    private static readonly JsonMutator Embeddings = new([.. RequestCorpus.Embeddings().Select(b => WithModel(b, "gpt-mock"))]);

    [Fact]
    public Task ChatCompletions_MutatedBodies_AnswerA2xxOrAnOpenAI4xx() => RunAsync("http.chat", "/v1/chat/completions", OpenAIChat, anthropic: false);

    [Fact]
    public Task Messages_MutatedBodies_AnswerA2xxOrAnAnthropic4xx() => RunAsync("http.messages", "/v1/messages", Anthropic, anthropic: true);

    [Fact]
    public Task CountTokens_MutatedBodies_AnswerA2xxOrAnAnthropic4xx() => RunAsync("http.count_tokens", "/v1/messages/count_tokens", Anthropic, anthropic: true);

    [Fact]
    public Task Embeddings_MutatedBodies_AnswerA2xxOrAnOpenAI4xx() => RunAsync("http.embeddings", "/v1/embeddings", Embeddings, anthropic: false);

    private static byte[] WithModel(byte[] body, string model)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node["model"] = model;
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    private Task RunAsync(string target, string path, JsonMutator mutator, bool anthropic) =>
        FuzzRun.RunAsync(target, Cases, random =>
        {
            var (bytes, recipe) = mutator.Next(random);
            return new FuzzInput(bytes, recipe);
        }, input => AssertAnsweredAsync(path, input.Bytes, anthropic), c => c.ToString());

    private async Task AssertAnsweredAsync(string path, byte[] body, bool anthropic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await fixture.Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var answer = await response.Content.ReadAsByteArrayAsync(); // a streamed answer must end too
        var status = (int)response.StatusCode;
        Assert.True(status is >= 200 and < 500, $"HTTP {status}: {FuzzRun.Render(answer, 500)}");
        if (status < 300)
        {
            return;
        }

        var root = JsonDocument.Parse(answer).RootElement;
        var error = root.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        if (anthropic)
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
        }
    }
}
