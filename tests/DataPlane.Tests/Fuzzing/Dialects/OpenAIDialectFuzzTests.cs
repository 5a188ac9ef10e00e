using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.OpenAI;

namespace Switchyard.DataPlane.Tests.Fuzzing.Dialects;

/// <summary>
/// Mutated Chat Completions bodies through both passes of the OpenAI dialect (<see cref="ChatRequestParser"/>'s scan
/// and <see cref="OpenAIRequestReader"/>'s full read): each answers a value or a 400, never throws, only calls readable
/// JSON "invalid JSON" when it is not, and the two passes agree on what routing depends on.
/// </summary>
public class OpenAIDialectFuzzTests
{
    private static readonly JsonMutator Mutator = new(RequestCorpus.OpenAIChat());
    private static readonly OpenAIDialect Dialect = new(TimeProvider.System);

    [Fact]
    public Task ScanAndParse_MutatedBodies_AnswerARequestOrA400() =>
        FuzzRun.RunAsync("openai.request", 10000, Generate, Check, c => c.ToString(), c => c.Shrink());

    private static FuzzInput Generate(Random random)
    {
        var (bytes, recipe) = Mutator.Next(random);
        return new FuzzInput(bytes, recipe);
    }

    private static void Check(FuzzInput input)
    {
        var body = input.Bytes;
        var info = Dialect.Scan(body, out var scanError);
        AssertOutcome(info is null, scanError, body, "Scan");
        var request = Dialect.Parse(body, out var parseError);
        AssertOutcome(request is null, parseError, body, "Parse");
        if (info is { } scanned && request is not null)
        {
            Assert.Equal(scanned.Model, request.Model);
            Assert.Equal(scanned.Stream, request.Stream);
            Assert.Equal(scanned.IncludeUsage, request.IncludeUsage);
        }
    }

    internal static void AssertOutcome(bool rejected, GatewayError? error, byte[] body, string pass)
    {
        Assert.Equal(rejected, error is not null);
        if (error is null)
        {
            return;
        }

        Assert.Equal(400, error.Status);
        Assert.Equal(GatewayErrorKind.InvalidRequest, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        if (error.Code == "invalid_json")
        {
            Assert.False(FuzzJson.IsReadableObject(body), $"{pass} called a readable JSON object unreadable: {error.Message}");
        }
    }
}
