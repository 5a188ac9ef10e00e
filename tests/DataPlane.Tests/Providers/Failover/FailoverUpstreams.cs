using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Keys;

namespace Switchyard.DataPlane.Tests.Providers.Failover;

/// <summary>
/// Two scripted providers for the failover tests: an OpenAI-compatible one whose upstream model name picks the behaviour
/// (<c>ok</c>, <c>s503</c>, <c>s529</c>, <c>s429</c> with Retry-After 30, <c>s400</c>, <c>ctx</c> context length,
/// <c>slow</c> 5 s before headers, <c>midstream</c> cut after the first event, <c>toggle</c> 503 until
/// <see cref="ToggleHealthy"/> is set), and an Anthropic one whose model picks
/// <c>claude-ok</c> or <c>claude-529</c>. Plus a URL where nothing listens.
/// </summary>
internal sealed class FailoverUpstreams : IAsyncDisposable
{
    public const string AnthropicSecret = "sk-ant-failover-secret";

    private readonly Toggle _toggle;
    private readonly Socket _unresponsive = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _backlogFiller = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    private FailoverUpstreams(ScriptedUpstream openAI, ScriptedUpstream anthropic, Toggle toggle)
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

    public ScriptedUpstream OpenAI { get; }

    public ScriptedUpstream Anthropic { get; }

    public string OpenAIBaseUrl => OpenAI.BaseUrl + "/v1";

    public string AnthropicBaseUrl => Anthropic.BaseUrl + "/v1";

    public static string RefusedBaseUrl { get; } = "http://127.0.0.1:" + UnusedPort() + "/v1";

    public static async Task<FailoverUpstreams> StartAsync()
    {
        var toggle = new Toggle();
        var openAI = await ScriptedUpstream.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", (HttpContext context) => OpenAIAsync(context, toggle));
            app.MapGet("/v1/models", (HttpContext context) => toggle.Healthy
                ? context.Response.WriteAsJsonAsync(new { @object = "list", data = Array.Empty<object>() })
                : ErrorAsync(context.Response, 503, """{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}"""));
        });
        var anthropic = await ScriptedUpstream.StartAsync(app => app.MapPost("/v1/messages", AnthropicAsync));
        return new FailoverUpstreams(openAI, anthropic, toggle);
    }

    /// <summary>How many requests the OpenAI upstream received for an upstream model.</summary>
    public int OpenAICalls(string model) => OpenAI.Calls.Count(c => c.Method == "POST" && c.Json.GetProperty("model").GetString() == model);

    /// <summary>How many models-list requests (active health checks) the OpenAI upstream received.</summary>
    public int ModelListCalls => OpenAI.Calls.Count(c => c.Method == "GET" && c.PathAndQuery == "/v1/models");

    public int AnthropicCalls(string model) => Anthropic.Calls.Count(c => c.Json.GetProperty("model").GetString() == model);

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

    private static async Task OpenAIAsync(HttpContext context, Toggle toggle)
    {
        var body = JsonDocument.Parse(await ReadAsync(context)).RootElement;
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var response = context.Response;
        switch (body.GetProperty("model").GetString())
        {
            case "toggle" when !toggle.Healthy:
                await ErrorAsync(response, 503, """{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}""");
                break;
            case "ok" or "toggle" when stream:
                response.ContentType = "text/event-stream";
                await response.WriteAsync(Fixture.Text("openai-chat-stream.sse"));
                break;
            case "ok" or "toggle":
                response.ContentType = "application/json";
                await response.WriteAsync(Fixture.Text("openai-chat-response.json"));
                break;
            case "s503":
                await ErrorAsync(response, 503, """{"error":{"message":"Service unavailable","type":"server_error","param":null,"code":null}}""");
                break;
            case "s529":
                await ErrorAsync(response, 529, """{"error":{"message":"Overloaded","type":"server_error","param":null,"code":null}}""");
                break;
            case "s429":
                response.Headers["retry-after"] = "30";
                await ErrorAsync(response, 429, Fixture.Text("openai-error-429-rate-limit.json"));
                break;
            case "s400":
                await ErrorAsync(response, 400, """{"error":{"message":"Invalid 'temperature'.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}""");
                break;
            case "ctx":
                await ErrorAsync(response, 400, Fixture.Text("openai-error-400-context-length.json"));
                break;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                break;
            case "midstream":
                response.ContentType = "text/event-stream";
                await response.WriteAsync(Fixture.Text("openai-chat-stream.sse").Split("\n\n")[0] + "\n\n");
                await response.Body.FlushAsync();
                // Let the first event reach the caller before the connection drops (a cut before it would be retried).
                await Task.Delay(300);
                context.Abort();
                break;
            default:
                await ErrorAsync(response, 404, """{"error":{"message":"unknown script","type":"invalid_request_error","param":null,"code":"model_not_found"}}""");
                break;
        }
    }

    private static async Task AnthropicAsync(HttpContext context)
    {
        var body = JsonDocument.Parse(await ReadAsync(context)).RootElement;
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var response = context.Response;
        switch (body.GetProperty("model").GetString())
        {
            case "claude-ok" when stream:
                response.ContentType = "text/event-stream";
                await response.WriteAsync(Fixture.Text("anthropic-messages-stream.sse"));
                break;
            case "claude-ok":
                response.ContentType = "application/json";
                await response.WriteAsync(Fixture.Text("anthropic-messages-response.json"));
                break;
            case "claude-529":
                await ErrorAsync(response, 529, Fixture.Text("anthropic-error-529.json"));
                break;
            default:
                await ErrorAsync(response, 404, """{"type":"error","error":{"type":"not_found_error","message":"unknown script"}}""");
                break;
        }
    }

    private static async Task ErrorAsync(HttpResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(body);
    }

    private static async Task<string> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private sealed class Toggle
    {
        private volatile bool _healthy;

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
