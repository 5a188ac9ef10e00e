using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchyard.Testing.Upstream.Providers;

namespace Switchyard.Testing.Upstream;

/// <summary>
/// The fake upstream of every test: a real Kestrel server on 127.0.0.1 (port 0) that records every request in
/// <see cref="Requests"/> (method, raw target, headers, body) and answers it
/// <list type="number">
/// <item>with the <see cref="FakeReply"/> the test scripted for its path (<see cref="Answer(string, FakeReply)"/>),</item>
/// <item>else with the reply scripted for every path (<see cref="Answer(FakeReply)"/>),</item>
/// <item>else as a real provider of that family would: OpenAI-compatible flavors at <see cref="FlavorBaseUrl"/>, Azure,
/// Anthropic, Gemini and Bedrock at their base URLs, each in its exact wire format (see <see cref="FakeAnswer"/> for
/// the deterministic answers, the keys below for auth, and model names containing "ratelimit", "overloaded" or
/// "midstream" for scripted failures),</item>
/// <item>else 404.</item>
/// </list>
/// A bug in the fake itself is answered as a 500 whose body says what broke.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    /// <summary>Families served by the OpenAI Chat Completions handler at {root}/{flavor}/v1.</summary>
    public static readonly IReadOnlyList<string> OpenAIFlavors =
        ["openai", "mistral", "groq", "together", "deepseek", "fireworks", "openrouter", "vllm", "ollama"];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, FakeReply>> _byPath = new(StringComparer.Ordinal);
    private volatile Func<RecordedRequest, FakeReply>? _anyPath;

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port (no trailing slash, no path).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>{root}/openai/v1: POST /chat/completions and /embeddings.</summary>
    public string OpenAIBaseUrl => FlavorBaseUrl("openai");

    /// <summary>{root}/azure: /openai/deployments/{d}/chat/completions|embeddings?api-version=…, /openai/v1/….</summary>
    public string AzureBaseUrl => BaseUrl + "/azure";

    /// <summary>{root}/anthropic: POST /v1/messages and /v1/messages/count_tokens.</summary>
    public string AnthropicBaseUrl => BaseUrl + "/anthropic";

    /// <summary>{root}/gemini/v1beta: /models/{m}:generateContent|streamGenerateContent|countTokens|batchEmbedContents.</summary>
    public string GeminiBaseUrl => BaseUrl + "/gemini/v1beta";

    /// <summary>{root}/bedrock: POST /model/{modelId}/converse and /converse-stream.</summary>
    public string BedrockBaseUrl => BaseUrl + "/bedrock";

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
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The last recorded request (fails the test when there is none).</summary>
    public RecordedRequest Last => Requests.LastOrDefault() ?? throw new InvalidOperationException("The upstream received no request.");

    /// <summary>{root}/{flavor}/v1 for one of <see cref="OpenAIFlavors"/>.</summary>
    public string FlavorBaseUrl(string flavor) => $"{BaseUrl}/{flavor}/v1";

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.Use(upstream.RecordAndAnswerAsync);
        FakeOpenAI.Map(app, upstream);
        FakeAzure.Map(app, upstream);
        FakeAnthropic.Map(app, upstream);
        FakeGemini.Map(app, upstream);
        FakeBedrock.Map(app, upstream);
        await app.StartAsync();
        upstream.BaseUrl = app.Urls.First().TrimEnd('/');
        return upstream;
    }

    /// <summary>Starts a fake upstream that answers every request with <paramref name="reply"/>.</summary>
    public static async Task<FakeUpstream> StartAsync(FakeReply reply)
    {
        var upstream = await StartAsync();
        upstream.Answer(reply);
        return upstream;
    }

    /// <summary>Answers every request to <paramref name="path"/> (exact, without query) with <paramref name="reply"/>.</summary>
    public void Answer(string path, FakeReply reply) => _byPath[path] = _ => reply;

    /// <summary>Answers every request to <paramref name="path"/> with the reply <paramref name="choose"/> picks for it.</summary>
    public void Answer(string path, Func<RecordedRequest, FakeReply> choose) => _byPath[path] = choose;

    /// <summary>Answers every request to a path without its own script with <paramref name="reply"/> (the families' paths too).</summary>
    public void Answer(FakeReply reply) => _anyPath = _ => reply;

    /// <summary>Answers every request to a path without its own script with the reply <paramref name="choose"/> picks (the families' paths too).</summary>
    public void Answer(Func<RecordedRequest, FakeReply> choose) => _anyPath = choose;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordAndAnswerAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Request.Body.Position = 0;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.Path + context.Request.QueryString;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, target, headers, body.ToArray());
        Requests.Enqueue(request);
        try
        {
            var choose = _byPath.TryGetValue(request.Path, out var forPath) ? forPath : _anyPath;
            await (choose is null ? next(context) : choose(request).AnswerAsync(context));
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync("FakeUpstream failed: " + e, context.RequestAborted);
        }
    }
}
