using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.DataPlane.Tests.Infrastructure;

/// <summary>
/// A fake provider on 127.0.0.1:0 whose endpoints a test maps itself (speaking that provider's exact wire format).
/// Every request is recorded (method, path and query, headers, body) before the mapped handler runs.
/// </summary>
internal sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedUpstream(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port (no trailing slash, no path).</summary>
    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<UpstreamCall> Calls { get; } = new();

    public static async Task<ScriptedUpstream> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new ScriptedUpstream(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            context.Request.Body.Position = 0;
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            upstream.Calls.Enqueue(new UpstreamCall(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, copy.ToArray()));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        upstream.BaseUrl = app.Urls.First();
        return upstream;
    }

    /// <summary>The last recorded call (fails the test when there is none).</summary>
    public UpstreamCall Last => Calls.LastOrDefault() ?? throw new InvalidOperationException("The upstream received no request.");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
