using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>A scripted OpenAI-compatible upstream on 127.0.0.1:0; the upstream model name selects the script.</summary>
internal sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completed when the upstream saw the gateway abort the "hang" stream.</summary>
    public TaskCompletionSource HangAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by tests to let the "stream" script send its remaining chunks.</summary>
    public SemaphoreSlim StreamGate { get; } = new(0);

    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseUrl = app.Urls.First() + "/v1";
        return upstream;
    }

    public async ValueTask DisposeAsync()
    {
        StreamGate.Release(100);
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(headers, body));
        var model = JsonDocument.Parse(body).RootElement.GetProperty("model").GetString();
        var response = context.Response;
        switch (model)
        {
            case "up-basic":
                response.ContentType = "application/json";
                await response.WriteAsync(Fixture.Text("openai-chat-response.json"));
                break;
            case "up-stream":
                response.ContentType = "text/event-stream";
                var events = Fixture.Text("openai-chat-stream.sse").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
                await response.WriteAsync(events[0] + "\n\n");
                await response.Body.FlushAsync();
                await StreamGate.WaitAsync(TimeSpan.FromSeconds(10));
                foreach (var e in events.Skip(1))
                {
                    await response.WriteAsync(e + "\n\n");
                    await response.Body.FlushAsync();
                    await Task.Delay(10);
                }

                break;
            case "up-ratelimit":
                response.StatusCode = 429;
                response.Headers["retry-after"] = "1";
                response.Headers["x-ratelimit-remaining-tokens"] = "0";
                response.ContentType = "application/json";
                await response.WriteAsync(Fixture.Text("openai-error-429-rate-limit.json"));
                break;
            case "up-servererror":
                response.StatusCode = 500;
                response.ContentType = "application/json";
                await response.WriteAsync("""{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""");
                break;
            case "up-plainerror":
                response.StatusCode = 503;
                response.ContentType = "text/html";
                await response.WriteAsync("<html>Service Unavailable</html>");
                break;
            case "up-plaintext":
                response.StatusCode = 500;
                response.ContentType = "text/plain";
                await response.WriteAsync("NullReferenceException at Internal.Secret.Handler(db=10.0.0.7) line 42");
                break;
            case "up-redirect":
                response.StatusCode = 302;
                response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
                break;
            case "up-headers":
                response.ContentType = "application/json";
                response.Headers.SetCookie = "upstream-session=abc; Path=/";
                response.Headers["openai-organization"] = "org-secret-tenant";
                response.Headers["x-request-id"] = "req_upstream_1";
                response.Headers["x-ratelimit-remaining-requests"] = "99";
                response.Headers["x-internal-debug"] = "node-7";
                await response.WriteAsync(Fixture.Text("openai-chat-response.json"));
                break;
            case "up-slow":
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
                break;
            case "up-hang":
                response.ContentType = "text/event-stream";
                await response.WriteAsync(Fixture.Text("openai-chat-stream.sse").Split("\n\n")[0] + "\n\n");
                await response.Body.FlushAsync();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    HangAborted.TrySetResult();
                }

                break;
            default:
                response.StatusCode = 404;
                await response.WriteAsync(Encoding.UTF8.GetString(Errors("unknown script")));
                break;
        }
    }

    private static byte[] Errors(string message) => Switchyard.DataPlane.Dialects.OpenAI.OpenAIError.Serialize(message, "invalid_request_error", null, null);
}
