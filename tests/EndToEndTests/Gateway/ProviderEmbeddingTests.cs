using System.Buffers.Binary;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI.Embeddings;
using Switchyard.EndToEndTests.Infrastructure;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.EndToEndTests.Gateway;

/// <summary>
/// Embeddings through the OpenAI .NET SDK for the families that have them: the SDK's own call (which asks for base64,
/// checked below) and explicit float / base64 requests through its protocol method; all decode to the fake's vector.
/// </summary>
[Collection(ProviderPlatform.Collection)]
public class ProviderEmbeddingTests(ProviderPlatform providers)
{
    private const string Input = "hello world";

    public static TheoryData<string> Families => new(ProviderFamily.All.Where(f => f.Embeddings).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Families))]
    public async Task GenerateEmbedding_EachFamily_SdkDecodesTheUpstreamVector(string name)
    {
        var family = ProviderFamily.Named(name);
        var client = providers.OpenAIEmbeddings(family.EmbeddingModel);

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync(Input);

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(FakeAnswer.DefaultEmbeddingDimensions, vector.Length);
        if (!family.IsMock)
        {
            Assert.Equal(FakeAnswer.Embedding(Input, FakeAnswer.DefaultEmbeddingDimensions), vector);
        }

        Assert.Equal(vector, await RawVectorAsync(client, family.EmbeddingModel, "float"));
        Assert.Equal(vector, await RawVectorAsync(client, family.EmbeddingModel, "base64"));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task GenerateEmbeddings_SeveralInputs_OneVectorPerInputInOrder(string name)
    {
        var family = ProviderFamily.Named(name);
        string[] inputs = ["alpha", "beta", "gamma"];

        OpenAIEmbeddingCollection embeddings = await providers.OpenAIEmbeddings(family.EmbeddingModel).GenerateEmbeddingsAsync(inputs);

        Assert.Equal([0, 1, 2], embeddings.Select(e => e.Index));
        if (!family.IsMock)
        {
            Assert.All(embeddings, e => Assert.Equal(FakeAnswer.Embedding(inputs[e.Index], FakeAnswer.DefaultEmbeddingDimensions), e.ToFloats().ToArray()));
        }
        else
        {
            Assert.Equal(3, embeddings.Select(e => string.Join(",", e.ToFloats().ToArray())).Distinct().Count());
        }
    }

    [Fact]
    public async Task GenerateEmbedding_SdkDefault_AsksForBase64()
    {
        var recorder = new BodyRecorder();
        var options = providers.OpenAIOptions();
        options.AddPolicy(recorder, PipelinePosition.PerCall);
        var client = new EmbeddingClient(ProviderFamily.Named("openai").EmbeddingModel, new ApiKeyCredential(providers.Key), options);

        await client.GenerateEmbeddingAsync(Input);

        Assert.Equal("base64", JsonDocument.Parse(recorder.LastBody!).RootElement.GetProperty("encoding_format").GetString());
    }

    [Theory]
    [InlineData("openai")]
    [InlineData("azure")]
    public async Task GenerateEmbedding_OpenAIWireFamilies_ReportUpstreamUsage(string name)
    {
        var family = ProviderFamily.Named(name);
        var client = providers.OpenAIEmbeddings(family.EmbeddingModel);
        OpenAIEmbeddingCollection? collection = null;

        var record = await providers.UsageOfAsync(family.EmbeddingModel, stream: false, async () => collection = await client.GenerateEmbeddingsAsync([Input]));

        Assert.Equal(FakeAnswer.EmbeddingPromptTokens, collection!.Usage.InputTokenCount);
        Assert.Equal((family.Kind, FakeAnswer.EmbeddingPromptTokens, 0), (record.ProviderKind, record.PromptTokens, record.CompletionTokens));
    }

    /// <summary>The SDK's protocol method with an explicit encoding_format; the vector decoded by hand.</summary>
    private static async Task<float[]> RawVectorAsync(EmbeddingClient client, string model, string format)
    {
        var body = BinaryContent.Create(BinaryData.FromString($$"""{"model":"{{model}}","input":"{{Input}}","encoding_format":"{{format}}"}"""));
        ClientResult result = await client.GenerateEmbeddingsAsync(body);
        using var document = JsonDocument.Parse(result.GetRawResponse().Content);
        var value = document.RootElement.GetProperty("data")[0].GetProperty("embedding");
        if (format == "float")
        {
            Assert.Equal(JsonValueKind.Array, value.ValueKind);
            return value.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        }

        Assert.Equal(JsonValueKind.String, value.ValueKind);
        var bytes = Convert.FromBase64String(value.GetString()!);
        return Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();
    }

    /// <summary>Keeps the body of the last request the SDK sends.</summary>
    private sealed class BodyRecorder : PipelinePolicy
    {
        public string? LastBody { get; private set; }

        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Record(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Record(PipelineMessage message)
        {
            using var buffer = new MemoryStream();
            message.Request.Content?.WriteTo(buffer);
            LastBody = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
