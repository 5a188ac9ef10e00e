using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Failover;

/// <summary>
/// Two scripted providers for the failover tests: an OpenAI-compatible one whose upstream model name picks the behaviour
/// (<c>ok</c>, <c>s503</c>, <c>s529</c>, <c>s429</c> with Retry-After 30, <c>s400</c>, <c>ctx</c> context length,
/// <c>slow</c> 5 s before headers, <c>midstream</c> cut after the first event, <c>trickle</c> the first text then 5 s of silence,
/// <c>s429-once</c> 429 with Retry-After 1 on its first call only, <c>toggle</c> 503 until
/// <see cref="ToggleHealthy"/> is set), and an Anthropic one whose model picks
/// <c>claude-ok</c>, <c>claude-529</c> or <c>claude-trickle</c>. Plus a URL where nothing listens.
/// </summary>
internal sealed class FailoverUpstreams : IAsyncDisposable
{
    public const string AnthropicSecret = "sk-ant-failover-secret";

    private readonly Toggle _toggle;
    private readonly Socket _unresponsive = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _backlogFiller = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private FailoverUpstreams(FakeUpstream openAI, FakeUpstream anthropic, Toggle toggle)
    {
        OpenAI = openAI;
        Anthropic = anthropic;
        _toggle = toggle;

        // A listener that never accepts, its one-connection backlog taken: further connections are not established
        // (the kernel drops their SYNs), so a connect to it hangs until the client gives up.
        _unresponsive.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _unresponsive.Listen(0);
        _backlogFiller.Connect(_unresponsive.LocalEndPoint!);
        UnresponsiveBaseUrl = $"http://127.0.0.1:{((IPEndPoint)_unresponsive.LocalEndPoint!).Port}/v1";
    }

    /// <summary>Where connections are never established (for connect timeouts).</summary>
    public string UnresponsiveBaseUrl { get; }

    /// <summary>The <c>toggle</c> model answers 200 when set, 503 otherwise.</summary>
    public bool ToggleHealthy
    {
        get => _toggle.Healthy;
        set => _toggle.Healthy = value;
    }

    public FakeUpstream OpenAI { get; }

    public FakeUpstream Anthropic { get; }

    public string OpenAIBaseUrl => OpenAI.BaseUrl + "/v1";

    public string AnthropicBaseUrl => Anthropic.BaseUrl + "/v1";

    public static string RefusedBaseUrl { get; } = "http://127.0.0.1:" + UnusedPort() + "/v1";

    public static async Task<FailoverUpstreams> StartAsync()
    {
        var toggle = new Toggle();
        var openAI = await FakeUpstream.StartAsync();
        openAI.Answer("/v1/chat/completions", request => OpenAIReply(request, toggle));
        openAI.Answer("/v1/models", _ => toggle.Healthy
            ? FakeReply.Json("""{"object":"list","data":[]}""")
            : FakeReply.Json("""{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}""", 503));
        var anthropic = await FakeUpstream.StartAsync();
        anthropic.Answer("/v1/messages", AnthropicReply);
        return new FailoverUpstreams(openAI, anthropic, toggle);
    }

    /// <summary>How many requests the OpenAI upstream received for an upstream model.</summary>
    public int OpenAICalls(string model) => OpenAI.Requests.Count(c => c.Method == "POST" && Model(c) == model);

    /// <summary>How many models-list requests (active health checks) the OpenAI upstream received.</summary>
    public int ModelListCalls => OpenAI.Requests.Count(c => c.Method == "GET" && c.PathAndQuery == "/v1/models");

    public int AnthropicCalls(string model) => Anthropic.Requests.Count(c => Model(c) == model);

    /// <summary>Adds a route of several deployments, each (provider kind, upstream model, base URL, priority).</summary>
    public static ConfigSnapshot AddRoute(ConfigSnapshot snapshot, string publicModel, string strategy, IReadOnlyList<(string Kind, string Model, string BaseUrl, int Priority)> deployments,
        Func<RouteSnapshot, RouteSnapshot>? customize = null)
    {
        var credentials = snapshot.Credentials.ToList();
        var anthropicCredential = credentials.FirstOrDefault(c => c.ProviderKind == ProviderKinds.Anthropic)?.Id;
        if (anthropicCredential is null && deployments.Any(d => d.Kind == ProviderKinds.Anthropic))
        {
            anthropicCredential = Guid.CreateVersion7();
            credentials.Add(new CredentialSnapshot(anthropicCredential.Value, TestSnapshots.TenantId, ProviderKinds.Anthropic, new SecretSealer(TestSnapshots.NodeSecret).Seal(AnthropicSecret)));
        }

        var route = new RouteSnapshot(Guid.CreateVersion7(), TestSnapshots.TenantId, publicModel, strategy,
            [.. deployments.Select(d => new DeploymentSnapshot(Guid.CreateVersion7(), d.Kind, d.Model, d.BaseUrl,
                d.Kind == ProviderKinds.Anthropic ? anthropicCredential : TestSnapshots.CredentialId, 1, new Dictionary<string, string>(), Priority: d.Priority))],
            Retry: new RouteRetrySettings(BackoffMs: 0, MaxBackoffMs: 0));
        return snapshot with { Routes = [.. snapshot.Routes, customize is null ? route : customize(route)], Credentials = credentials };
    }

    public async ValueTask DisposeAsync()
    {
        _backlogFiller.Dispose();
        _unresponsive.Dispose();
        await OpenAI.DisposeAsync();
        await Anthropic.DisposeAsync();
    }

    private static string? Model(RecordedRequest request) => request.Json["model"]?.GetValue<string>();

    private static bool Streams(RecordedRequest request) => request.Json["stream"]?.GetValueKind() == JsonValueKind.True;

    private static FakeReply OpenAIReply(RecordedRequest request, Toggle toggle) => (Model(request), Streams(request)) switch
    {
        ("toggle", _) when !toggle.Healthy => FakeReply.Json("""{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}""", 503),
        ("ok" or "toggle", true) => FakeReply.Status(200, "text/event-stream").Write(Fixture.Text("openai-chat-stream.sse")),
        ("ok" or "toggle", false) => FakeReply.Json(Fixture.Text("openai-chat-response.json")),
        ("s503", _) => FakeReply.Json("""{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}""", 503),
        ("s529", _) => FakeReply.Json("""{"error":{"message":"Overloaded","type":"server_error","param":null,"code":null}}""", 529),
        ("s429", _) => FakeReply.Json(Fixture.Text("openai-error-429-rate-limit.json"), 429).Header("retry-after", "30"),
        ("s400", _) => FakeReply.Json("""{"error":{"message":"Invalid 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""", 400),
        ("ctx", _) => FakeReply.Json(Fixture.Text("openai-error-400-context-length.json"), 400),
        ("s429-once", _) when toggle.FirstRateLimited() => FakeReply.Json(Fixture.Text("openai-error-429-rate-limit.json"), 429).Header("retry-after", "1"),
        ("s429-once", true) => FakeReply.Status(200, "text/event-stream").Write(Fixture.Text("openai-chat-stream.sse")),
        ("s429-once", false) => FakeReply.Json(Fixture.Text("openai-chat-response.json")),
        // The first event, then silence for 5 s before the rest (a stream that outlives the route's total deadline).
        ("trickle", _) => FakeReply.Status(200, "text/event-stream").Write(FirstEvents("openai-chat-stream.sse", 2))
            .Pause(aborted => Task.Delay(TimeSpan.FromSeconds(5), aborted)).Write(Fixture.Text("openai-chat-stream.sse")),
        ("slow", _) => FakeReply.Status(200, "application/json").Pause(aborted => Task.Delay(TimeSpan.FromSeconds(5), aborted)),
        // Let the first event reach the caller before the connection drops (a cut before it would be retried).
        ("midstream", _) => FakeReply.Status(200, "text/event-stream").Write(Fixture.Text("openai-chat-stream.sse").Split("\n\n")[0] + "\n\n")
            .Pause(aborted => Task.Delay(300, aborted)).Drop(),
        _ => FakeReply.Json("""{"error":{"message":"unknown script","type":"invalid_request_error","param":null,"code":"model_not_found"}}""", 404),
    };

    private static FakeReply AnthropicReply(RecordedRequest request) => (Model(request), Streams(request)) switch
    {
        ("claude-ok", true) => FakeReply.Status(200, "text/event-stream").Write(Fixture.Text("anthropic-messages-stream.sse")),
        ("claude-ok", false) => FakeReply.Json(Fixture.Text("anthropic-messages-response.json")),
        ("claude-529", _) => FakeReply.Json(Fixture.Text("anthropic-error-529.json"), 529),
        ("claude-trickle", _) => FakeReply.Status(200, "text/event-stream").Write(FirstEvents("anthropic-messages-stream.sse", 4))
            .Pause(aborted => Task.Delay(TimeSpan.FromSeconds(5), aborted)).Write(Fixture.Text("anthropic-messages-stream.sse")),
        _ => FakeReply.Json("""{"type":"error","error":{"type":"not_found_error","message":"unknown script"}}""", 404),
    };

    /// <summary>The first <paramref name="count"/> events of a recorded stream (enough for the caller to see text).</summary>
    private static string FirstEvents(string fixture, int count) => string.Join("\n\n", Fixture.Text(fixture).Split("\n\n").Take(count)) + "\n\n";

    private sealed class Toggle
    {
        private volatile bool _healthy;
        private int _rateLimited;

        /// <summary>True only for the first call: the <c>s429-once</c> model is rate limited once.</summary>
        public bool FirstRateLimited() => Interlocked.Exchange(ref _rateLimited, 1) == 0;

        public bool Healthy
        {
            get => _healthy;
            set => _healthy = value;
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
