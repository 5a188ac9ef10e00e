using Switchyard.DataPlane.Embeddings;
using Switchyard.DataPlane.Tests.Fuzzing.Dialects;

namespace Switchyard.DataPlane.Tests.Fuzzing.Embeddings;

/// <summary>Mutated <c>/v1/embeddings</c> bodies through <see cref="EmbeddingRequestParser"/>: a request within the limits or a 400.</summary>
public class EmbeddingRequestParserFuzzTests
{
    private static readonly JsonMutator Mutator = new(RequestCorpus.Embeddings());

    [Fact]
    public Task Parse_MutatedBodies_AnswerARequestOrA400() =>
        FuzzRun.RunAsync("embeddings.request", 10000, Generate, Check, c => c.ToString(), c => c.Shrink());

    private static FuzzInput Generate(Random random)
    {
        var (bytes, recipe) = Mutator.Next(random);
        return new FuzzInput(bytes, recipe);
    }

    private static void Check(FuzzInput input)
    {
        var request = EmbeddingRequestParser.Parse(input.Bytes, out var error);
        OpenAIDialectFuzzTests.AssertOutcome(request is null, error, input.Bytes, "Parse");
        if (request is not null)
        {
            Assert.False(string.IsNullOrEmpty(request.Model));
            Assert.InRange(request.Inputs.Count, 1, EmbeddingRequestParser.MaxInputs);
            Assert.DoesNotContain("", request.Inputs);
            Assert.True(FuzzJson.IsWellFormed(input.Bytes), "A body that is not one well-formed JSON value was accepted.");
        }
    }
}
