using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Switchyard.DataPlane.Pipeline;
using Switchyard.DataPlane.Telemetry;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Telemetry;

public sealed class GatewayTracingTests
{
    private static readonly Dictionary<string, string?> TracingOn = new() { ["Telemetry:Tracing"] = "true" };

    [Fact]
    public async Task Request_TracingOn_AnswersTheTraceIdOfTheCallersTraceparent()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: TracingOn);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = DataPlaneTestHost.Chat("basic");

        using var response = await SendInTraceAsync(host, request, ActivityTraceId.CreateFromString(traceId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(traceId, Assert.Single(response.Headers.GetValues(GatewayTracing.TraceIdHeader)));
        // The trace goes on to the provider.
        var upstream = host.Upstream.Requests.Last(r => r.PathAndQuery.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Contains(traceId, upstream.Headers["traceparent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_TracingOnWithoutTraceparent_AnswersANewTraceIdEvenForAnError()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: TracingOn);

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("down"));

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues(GatewayTracing.TraceIdHeader)));
    }

    [Fact]
    public async Task Request_TracingOn_ServerSpanHasGenAiAttributesAndAChildSpanPerAttempt()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is GatewayTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await DataPlaneTestHost.StartAsync(settings: TracingOn);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = DataPlaneTestHost.Chat("basic");

        using (await SendInTraceAsync(host, request, traceId))
        {
        }

        // The fake upstream is an ASP.NET Core app in this process too, with a server span in the same trace: the node's
        // server span is the attempt span's parent.
        Activity? attempt = null;
        Activity? server = null;
        for (var i = 0; i < 100 && server is null; i++)
        {
            attempt ??= stopped.SingleOrDefault(a => a.TraceId == traceId && a.Source.Name == GatewayTracing.SourceName && a.Kind == ActivityKind.Client);
            server = attempt is null ? null : stopped.FirstOrDefault(a => a.SpanId == attempt.ParentSpanId);
            await Task.Delay(20);
        }

        Assert.NotNull(attempt);
        Assert.NotNull(server);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("chat", server.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("basic", server.GetTagItem("gen_ai.request.model"));
        Assert.Equal("up-basic", server.GetTagItem("gen_ai.response.model"));
        Assert.Equal("openai", server.GetTagItem("gen_ai.provider.name"));
        Assert.NotNull(server.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(ActivityKind.Client, attempt.Kind);
        Assert.Equal("chat up-basic", attempt.DisplayName);
        Assert.Single(stopped, a => a.TraceId == traceId && a.Source.Name == GatewayTracing.SourceName && a.Kind == ActivityKind.Client);
        // Never the prompt or the completion.
        Assert.DoesNotContain(server.TagObjects.Concat(attempt.TagObjects), t => t.Value is string s && s.Contains("Hello there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_TracingOn_LimitAndRouteStagesAreChildSpansOfTheServerSpan()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        await using var host = await DataPlaneTestHost.StartAsync(settings: TracingOn);
        var traceId = ActivityTraceId.CreateRandom();
        using var request = DataPlaneTestHost.Chat("basic");

        using (await SendInTraceAsync(host, request, traceId))
        {
        }

        var limit = await StoppedAsync(stopped, traceId, "gateway.limit");
        var route = await StoppedAsync(stopped, traceId, "gateway.route");
        var attempt = await StoppedAsync(stopped, traceId, "chat up-basic");
        Assert.Equal(ActivityKind.Internal, limit.Kind);
        Assert.Equal(true, limit.GetTagItem("switchyard.stage.passed"));
        Assert.Equal(true, route.GetTagItem("switchyard.stage.passed"));
        // siblings under the request's server span, in pipeline order
        Assert.Equal(attempt.ParentSpanId, limit.ParentSpanId);
        Assert.Equal(attempt.ParentSpanId, route.ParentSpanId);
        Assert.True(limit.StartTimeUtc <= route.StartTimeUtc && route.StartTimeUtc <= attempt.StartTimeUtc);
    }

    [Fact]
    public async Task Request_RefusedByALimit_LimitSpanRecordsTheRefusalAndNoRouteSpan()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = Listen(stopped);
        await using var host = await DataPlaneTestHost.StartAsync(settings: TracingOn, customize: s => s with
        {
            Keys = [.. s.Keys.Select(k => k.Id == TestSnapshots.KeyId ? k with { Limits = new RateLimits(RequestsPerMinute: 1) } : k)],
        });
        using (await host.Client.SendAsync(DataPlaneTestHost.Chat("basic")))
        {
        }

        var traceId = ActivityTraceId.CreateRandom();
        using var request = DataPlaneTestHost.Chat("basic");
        using var refused = await SendInTraceAsync(host, request, traceId);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var limit = await StoppedAsync(stopped, traceId, "gateway.limit");
        Assert.Equal(false, limit.GetTagItem("switchyard.stage.passed"));
        Assert.Equal(429, limit.GetTagItem("http.response.status_code"));
        Assert.DoesNotContain(stopped, a => a.TraceId == traceId && a.DisplayName == "gateway.route");
    }

    [Fact]
    public void TracesStage_DecisionStagesBetweenAuthorizeAndForward_GetSpans()
    {
        Assert.True(GatewayTracing.TracesStage(new NamedStage("limit", GatewayStageOrder.Limit)));
        Assert.True(GatewayTracing.TracesStage(new NamedStage("guard", GatewayStageOrder.GuardInput)));
        Assert.True(GatewayTracing.TracesStage(new NamedStage("route", GatewayStageOrder.Route)));
        Assert.False(GatewayTracing.TracesStage(new NamedStage("authenticate", GatewayStageOrder.Authenticate)));
        Assert.False(GatewayTracing.TracesStage(new NamedStage("forward", GatewayStageOrder.Forward)));
    }

    private static ActivityListener Listen(ConcurrentBag<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is GatewayTracing.SourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static async Task<Activity> StoppedAsync(ConcurrentBag<Activity> stopped, ActivityTraceId traceId, string name)
    {
        for (var i = 0; i < 100; i++)
        {
            if (stopped.FirstOrDefault(a => a.TraceId == traceId && a.DisplayName == name) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"No span {name} in the trace; saw: {string.Join(", ", stopped.Where(a => a.TraceId == traceId).Select(a => a.DisplayName))}");
        return null!;
    }

    private sealed record NamedStage(string Name, int Order) : IGatewayStage
    {
        public ValueTask<bool> RunAsync(GatewayContext context) => ValueTask.FromResult(true);
    }

    /// <summary>
    /// Sends <paramref name="request"/> with a W3C <c>traceparent</c> of <paramref name="traceId"/>, as a traced caller
    /// would. (The test process's HttpClient is traced too while a traced node runs: it sends the header of its own span,
    /// a child of the caller's, so the trace id is the caller's either way.)
    /// </summary>
    private static async Task<HttpResponseMessage> SendInTraceAsync(DataPlaneTestHost host, HttpRequestMessage request, ActivityTraceId traceId)
    {
        using var caller = new Activity("caller");
        caller.SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        caller.Start();
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Request_TracingOff_NoTraceIdHeader()
    {
        await using var host = await DataPlaneTestHost.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:Tracing"] = "false" });

        using var response = await host.Client.SendAsync(DataPlaneTestHost.Chat("basic"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(GatewayTracing.TraceIdHeader));
    }
}
