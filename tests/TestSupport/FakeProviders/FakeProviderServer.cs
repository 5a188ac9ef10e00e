using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Switchyard.Testing.FakeProviders;

/// <summary>
/// One scripted fake upstream on 127.0.0.1 speaking the exact wire format of every provider family, so a test can
/// point gateway deployments at it (<see cref="OpenAIBaseUrl"/>, <see cref="AzureBaseUrl"/>, ...) and drive them
/// through the gateway with real SDKs. Every family answers the same deterministic way (see <see cref="FakeAnswer"/>),
/// checks its own auth (the keys below) and answers failures in its own error shape. Model names script failures:
/// "ratelimit" → 429 (retry-after: 7 / Gemini RetryInfo "7s" / Bedrock ThrottlingException), "overloaded" → Anthropic
/// 529, others 503, "midstream" → a stream that sends a couple of deltas then the family's mid-stream error
/// (non-stream requests to such a model are answered normally). Every request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    /// <summary>Families served by the OpenAI Chat Completions handler at {root}/{flavor}/v1.</summary>
    public static readonly IReadOnlyList<string> OpenAIFlavors =
        ["openai", "mistral", "groq", "together", "deepseek", "fireworks", "openrouter", "vllm", "ollama"];

    private readonly WebApplication _app;

    private FakeProviderServer(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string RootUrl { get; private set; } = "";

    /// <summary>{root}/openai/v1: POST /chat/completions and /embeddings.</summary>
    public string OpenAIBaseUrl => FlavorBaseUrl("openai");

    /// <summary>{root}/azure: /openai/deployments/{d}/chat/completions|embeddings?api-version=…, /openai/v1/….</summary>
    public string AzureBaseUrl => RootUrl + "/azure";

    /// <summary>{root}/anthropic: POST /v1/messages and /v1/messages/count_tokens.</summary>
    public string AnthropicBaseUrl => RootUrl + "/anthropic";

    /// <summary>{root}/gemini/v1beta: /models/{m}:generateContent|streamGenerateContent|countTokens|batchEmbedContents.</summary>
    public string GeminiBaseUrl => RootUrl + "/gemini/v1beta";

    /// <summary>{root}/bedrock: POST /model/{modelId}/converse and /converse-stream.</summary>
    public string BedrockBaseUrl => RootUrl + "/bedrock";

    /// <summary>Bearer key of every OpenAI flavor (Ollama ignores keys).</summary>
    public string OpenAIKey { get; set; } = "sk-fake-openai-key";

    /// <summary>Azure api-key header (an <c>Authorization: Bearer</c> with the same value is accepted too).</summary>
    public string AzureKey { get; set; } = "fake-azure-api-key";

    /// <summary>Anthropic x-api-key header.</summary>
    public string AnthropicKey { get; set; } = "sk-ant-fake-key";

    /// <summary>Gemini x-goog-api-key header (or ?key=).</summary>
    public string GeminiKey { get; set; } = "fake-gemini-key";

    /// <summary>The access key id the SigV4 Authorization header's Credential must start with.</summary>
    public string BedrockAccessKeyId { get; set; } = "AKIAFAKEPROVIDERKEY1";

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<RecordedProviderRequest> Requests { get; } = new();

    /// <summary>{root}/{flavor}/v1 for one of <see cref="OpenAIFlavors"/>.</summary>
    public string FlavorBaseUrl(string flavor) => $"{RootUrl}/{flavor}/v1";

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Use(server.RecordAsync);
        FakeOpenAI.Map(app, server);
        FakeAzure.Map(app, server);
        FakeAnthropic.Map(app, server);
        FakeGemini.Map(app, server);
        FakeBedrock.Map(app, server);
        await app.StartAsync();
        server.RootUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path + context.Request.QueryString;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedProviderRequest(FamilyOf(context.Request.Path), context.Request.Method, target, headers, body));
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug in the fake shows up as a 500 whose body says what broke, not as an empty 500.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("FakeProviderServer failed: " + e, context.RequestAborted);
        }
    }

    private static string FamilyOf(PathString path)
    {
        var first = path.Value?.TrimStart('/').Split('/')[0] ?? "";
        return OpenAIFlavors.Contains(first) || first is "azure" or "anthropic" or "gemini" or "bedrock" ? first : "unknown";
    }
}
