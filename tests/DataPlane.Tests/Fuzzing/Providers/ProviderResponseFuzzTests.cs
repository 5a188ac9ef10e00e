using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Dialects;
using Switchyard.DataPlane.Dialects.Anthropic;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.Bedrock;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.Shared.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Fuzzing.Providers;

/// <summary>
/// Every provider adapter against a <see cref="FakeUpstream"/> answering with mutated recorded answers, streams and error
/// bodies (over real HTTP, in pieces): a call gives a value or a gateway error (4xx/5xx with a message, e.g. 502
/// <c>invalid_upstream_response</c>), never an exception; a stream keeps the sink contract and ends in exactly one
/// Complete or Error; and what the caller's dialect then writes (answer, SSE events, error) is well-formed JSON.
/// </summary>
public class ProviderResponseFuzzTests
{
    private const int Cases = 700;

    private static readonly UpstreamClient Client = new(TestEgress.LoopbackClient(), Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = 30 }));

    private static readonly OpenAIDialect OpenAI = new(TimeProvider.System);
    private static readonly AnthropicDialect Anthropic = new();

    [Fact]
    public Task OpenAICompatible_MutatedAnswers_GiveAValueOrAGatewayError() => RunAsync(new ProviderFuzzKind(
        "openai", new OpenAIChatProvider(Client),
        baseUrl => Deployment(ProviderKinds.OpenAI, "gpt-4o-mini", baseUrl + "/v1"),
        new JsonMutator(FuzzInput.Fixtures("openai-chat-response.json", "openai-chat-response-tool-calls.json", "azure-openai-chat-response.json", "mistral-chat-response-tool-calls.json")),
        new JsonMutator(FuzzInput.Fixtures("openai-error-400-context-length.json", "openai-error-401.json", "openai-error-429-rate-limit.json", "openai-error-500.json", "azure-openai-error-400-content-filter.json", "vllm-error-404.json", "vllm-error-404-legacy.json", "ollama-error-404.json")),
        new SseMutator("openai-chat-stream.sse", "openai-chat-stream-tools.sse", "openai-chat-stream-parallel-tools.sse", "openai-chat-stream-no-usage.sse", "azure-openai-chat-stream.sse", "groq-chat-stream.sse", "ollama-chat-stream.sse", "vllm-chat-stream.sse").Next,
        "text/event-stream"));

    [Fact]
    public Task Anthropic_MutatedAnswers_GiveAValueOrAGatewayError() => RunAsync(new ProviderFuzzKind(
        "anthropic", new AnthropicChatProvider(Client, NullLogger<AnthropicChatProvider>.Instance),
        baseUrl => Deployment(ProviderKinds.Anthropic, "claude-sonnet-4-20250514", baseUrl),
        new JsonMutator(FuzzInput.Fixtures("anthropic-messages-response.json", "anthropic-messages-response-tool-use.json")),
        new JsonMutator(FuzzInput.Fixtures("anthropic-error-400.json", "anthropic-error-401.json", "anthropic-error-429.json", "anthropic-error-529.json")),
        new SseMutator("anthropic-messages-stream.sse", "anthropic-messages-stream-tools.sse", "anthropic-messages-stream-error.sse").Next,
        "text/event-stream"));

    [Fact]
    public Task Gemini_MutatedAnswers_GiveAValueOrAGatewayError() => RunAsync(new ProviderFuzzKind(
        "gemini", new GeminiChatProvider(Client),
        baseUrl => Deployment(ProviderKinds.Gemini, "gemini-2.0-flash", baseUrl + "/v1beta"),
        new JsonMutator(FuzzInput.Fixtures("gemini-generatecontent-response.json", "gemini-generatecontent-response-function-call.json")),
        new JsonMutator(FuzzInput.Fixtures("gemini-error-400-api-key.json", "gemini-error-429.json")),
        new SseMutator("gemini-stream.sse", "gemini-stream-function-call.sse").Next,
        "text/event-stream"));

    [Fact]
    public Task Bedrock_MutatedAnswers_GiveAValueOrAGatewayError() => RunAsync(new ProviderFuzzKind(
        "bedrock", new BedrockChatProvider(Client, TimeProvider.System),
        baseUrl => Deployment(ProviderKinds.Bedrock, "us.anthropic.claude-3-5-sonnet-20241022-v2:0", baseUrl, "AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG", new() { ["region"] = "us-east-1" }),
        new JsonMutator(FuzzInput.Fixtures("bedrock-converse-response.json", "bedrock-converse-response-tool-use.json")),
        new JsonMutator(FuzzInput.Fixtures("bedrock-error-400-validation.json", "bedrock-error-403-signature.json", "bedrock-error-429-throttling.json")),
        new EventStreamMutator().Next,
        "application/vnd.amazon.eventstream"));

    private static RuntimeDeployment Deployment(string kind, string model, string baseUrl, string secret = "sk-fuzz", Dictionary<string, string>? settings = null) =>
        new(new DeploymentSnapshot(Guid.CreateVersion7(), kind, model, baseUrl, null, 1, settings ?? []), secret);

    private static ChatRequest Request(bool stream) => new()
    {
        Model = "fuzz-model",
        MaxTokens = 64,
        Stream = stream,
        IncludeUsage = stream,
        Messages = { new ChatMessage { Role = ChatRole.User, Content = [ContentPart.FromText("hello")] } },
    };

    private static async Task AssertCompleteAsync(ProviderFuzzKind kind, RuntimeDeployment deployment, ProviderCase c)
    {
        var request = Request(stream: false);
        var result = await kind.Provider.CompleteAsync(request, deployment, CancellationToken.None);
        Assert.True(result.Value is null != result.Error is null, "A result must be a value or an error.");
        if (result.Error is { } error)
        {
            AssertGatewayError(error);
            return;
        }

        ChatDialect dialect = c.AnthropicCaller ? Anthropic : OpenAI;
        var context = Context();
        await dialect.WriteResponseAsync(context, request, result.Value!, new RecordingObserver());
        using var _ = JsonDocument.Parse(Body(context));
    }

    private static async Task AssertStreamAsync(ProviderFuzzKind kind, RuntimeDeployment deployment, ProviderCase c)
    {
        var request = Request(stream: true);
        ChatDialect dialect = c.AnthropicCaller ? Anthropic : OpenAI;
        var context = Context();
        var sink = new ProtocolSink(dialect.CreateStreamSink(context, request, new RecordingObserver()));
        var error = await kind.Provider.StreamAsync(request, deployment, sink, CancellationToken.None);
        if (error is not null)
        {
            AssertGatewayError(error);
            Assert.Null(sink.Terminal);
            return;
        }

        Assert.NotNull(sink.Terminal);
        AssertWellFormedStream(context, c.AnthropicCaller);
    }

    private static void AssertGatewayError(GatewayError error)
    {
        Assert.InRange(error.Status, 400, 599);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    /// <summary>An error answer is one JSON object; a stream is SSE events whose data is JSON, ending as the dialect ends streams.</summary>
    private static void AssertWellFormedStream(HttpContext context, bool anthropic)
    {
        var body = Body(context);
        if (context.Response.StatusCode >= 400)
        {
            using var _ = JsonDocument.Parse(body);
            return;
        }

        var text = Encoding.UTF8.GetString(body);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = text[..^2].Split("\n\n");
        foreach (var e in events)
        {
            var data = e.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            if (data != "[DONE]")
            {
                using var _ = JsonDocument.Parse(data);
            }
        }

        if (anthropic)
        {
            Assert.Matches("^event: (message_stop|error)\n", events[^1]);
        }
        else
        {
            Assert.Equal("data: [DONE]", events[^1]);
        }
    }

    private static DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static byte[] Body(HttpContext context) => ((MemoryStream)context.Response.Body).ToArray();

    private static async Task RunAsync(ProviderFuzzKind kind)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        var deployment = kind.Deployment(upstream.BaseUrl);
        await FuzzRun.RunAsync("provider." + kind.Name, Cases, kind.Generate, async c =>
        {
            upstream.Answer(c.Answer.ToReply());
            await (c.Stream ? AssertStreamAsync(kind, deployment, c) : AssertCompleteAsync(kind, deployment, c));
        }, c => c.ToString());
    }
}
