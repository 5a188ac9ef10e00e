using Switchyard.DataPlane.Dialects.Anthropic;

namespace Switchyard.DataPlane.Tests.Fuzzing.Dialects;

/// <summary>
/// Mutated Messages bodies through the Anthropic dialect (<c>AnthropicRequestScanner</c> and <c>AnthropicRequestParser</c>,
/// with and without the required <c>max_tokens</c> of <c>count_tokens</c>): a value or a 400, never an exception.
/// </summary>
public class AnthropicDialectFuzzTests
{
    private static readonly JsonMutator Mutator = new(RequestCorpus.Anthropic());
    private static readonly AnthropicDialect Dialect = new();

    [Fact]
    public Task ScanAndParse_MutatedBodies_AnswerARequestOrA400() =>
        FuzzRun.RunAsync("anthropic.request", 8000, Generate, Check, c => c.ToString(), c => c.Shrink());

    private static FuzzInput Generate(Random random)
    {
        var (bytes, recipe) = Mutator.Next(random);
        return new FuzzInput(bytes, recipe);
    }

    private static void Check(FuzzInput input)
    {
        var body = input.Bytes;
        foreach (var requireMaxTokens in (bool[])[true, false])
        {
            var info = Dialect.Scan(body, requireMaxTokens, out var scanError);
            OpenAIDialectFuzzTests.AssertOutcome(info is null, scanError, body, "Scan");
            var request = Dialect.Parse(body, requireMaxTokens, out var parseError);
            OpenAIDialectFuzzTests.AssertOutcome(request is null, parseError, body, "Parse");
            if (request is not null)
            {
                Assert.NotNull(info);
                Assert.Equal(info.Value.Model, request.Model);
                Assert.Equal(info.Value.Stream, request.Stream);
            }
        }
    }
}
