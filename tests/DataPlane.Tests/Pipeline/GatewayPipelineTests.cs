using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Pipeline;

/// <summary>
/// The request path as a pipeline: a capability is one stage class plus one registration, runs at its position on
/// every body endpoint, can end the request in the caller's dialect, and one response listener sees every response —
/// passed through or translated, streamed or not, answered or refused — exactly once.
/// </summary>
public class GatewayPipelineTests : IAsyncLifetime
{
    private readonly ProbeStage _probe = new();
    private readonly CompletionListener _listener = new();
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(services: services =>
    {
        services.AddSingleton(_probe);
        services.AddSingleton<IGatewayStage>(_probe);
        services.AddSingleton<IResponseListener>(_listener);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void StageNames_Registered_RunInTheDocumentedOrder()
    {
        var pipeline = _host.Services.GetRequiredService<GatewayPipeline>();

        Assert.Equal(["authenticate", "parse", "authorize", "limit", "guard-input", "probe", "route", "forward"], pipeline.StageNames);
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gpt-mock","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/messages", """{"model":"gpt-mock","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/embeddings", """{"model":"gpt-mock","input":"hi"}""")]
    [InlineData("/v1/messages/count_tokens", """{"model":"gpt-mock","messages":[{"role":"user","content":"hi"}]}""")]
    public async Task Stage_EveryBodyEndpoint_SeesTheAuthorizedRequest(string path, string body)
    {
        using var response = await _host.Client.SendAsync(Post(path, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(_probe.Seen, s => s == $"{path}:gpt-mock:{TestSnapshots.KeyId}");
    }

    [Fact]
    public async Task Stage_EndsRequest_CallerGetsItsDialectsErrorAndNothingIsForwarded()
    {
        var before = _host.Upstream.Requests.Count;

        using var openAI = await _host.Client.SendAsync(Post("/v1/chat/completions", """{"model":"basic","messages":[{"role":"user","content":"refuse me"}]}"""));
        using var anthropic = await _host.Client.SendAsync(Post("/v1/messages", """{"model":"basic","max_tokens":5,"messages":[{"role":"user","content":"refuse me"}]}"""));

        await ErrorAssert.IsOpenAIErrorAsync(openAI, HttpStatusCode.TooManyRequests, "probe_refused");
        Assert.Equal(HttpStatusCode.TooManyRequests, anthropic.StatusCode);
        Assert.Contains("\"rate_limit_error\"", await anthropic.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, _host.Upstream.Requests.Count);
        var usage = await _host.WaitForUsageAsync(r => r.ErrorCode == "probe_refused");
        Assert.Equal(429, usage.StatusCode);
    }

    [Theory]
    [InlineData("basic", false)]   // passed through, JSON body
    [InlineData("stream", true)]   // passed through, SSE
    [InlineData("gpt-mock", false)] // translated
    [InlineData("gpt-mock", true)]
    public async Task Listener_EveryResponsePath_SeesBodyUsageAndOneCompletion(string model, bool stream)
    {
        _host.Scenarios.StreamGate.Release();
        var marker = Guid.NewGuid().ToString("N");
        var body = $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}},"stream_options":{{(stream ? """{"include_usage":true}""" : "null")}},"user":"{{marker}}","messages":[{"role":"user","content":"hi"}]}""";

        using var response = await _host.Client.SendAsync(Post("/v1/chat/completions", body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completed = await WaitAsync(() => _listener.Outcomes.Where(c => c.Model == model && c.Stream == stream && c.Bytes == Encoding.UTF8.GetByteCount(text)).ToList());
        var outcome = Assert.Single(completed);
        Assert.True(outcome.Usage.OutputTokens > 0);
        Assert.True(outcome.FirstByte);
    }

    private static HttpRequestMessage Post(string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return request;
    }

    private static async Task<List<T>> WaitAsync<T>(Func<List<T>> read)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = read();
            if (found.Count > 0)
            {
                return found;
            }

            await Task.Delay(20);
        }

        return read();
    }

    /// <summary>A stage after authorization that records what it saw and refuses prompts asking for it.</summary>
    private sealed class ProbeStage : IGatewayStage
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public string Name => "probe";

        public int Order => GatewayStageOrder.GuardInput + 50;

        public async ValueTask<bool> RunAsync(GatewayContext context)
        {
            Seen.Enqueue($"{context.Http.Request.Path}:{context.Model}:{context.Key!.Id}");
            if (Encoding.UTF8.GetString(context.Body.Span).Contains("refuse me", StringComparison.Ordinal))
            {
                await context.Dialect.WriteErrorAsync(context.Http, new GatewayError(GatewayErrorKind.RateLimit, 429, "Refused by the probe.") { Code = "probe_refused" });
                return false;
            }

            return true;
        }
    }

    private sealed record Completion(string Model, bool Stream, long Bytes, TokenUsage Usage, bool FirstByte);

    private sealed class CompletionListener : IResponseListener
    {
        private readonly ConcurrentDictionary<GatewayContext, long> _bytes = new();

        public ConcurrentQueue<Completion> Outcomes { get; } = new();

        public void BodyWritten(GatewayContext context, ReadOnlySpan<byte> bytes)
        {
            var length = bytes.Length;
            _bytes.AddOrUpdate(context, length, (_, total) => total + length);
        }

        public void Completed(GatewayContext context)
        {
            _bytes.TryRemove(context, out var bytes);
            Outcomes.Enqueue(new Completion(context.Model, context.Stream, bytes, context.Outcome.Usage, context.Outcome.FirstByteTimestamp is not null));
        }
    }
}
