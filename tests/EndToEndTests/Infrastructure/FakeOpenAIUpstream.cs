using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.EndToEndTests.Infrastructure;

/// <summary>
/// A scripted OpenAI-compatible upstream on 127.0.0.1 speaking the real wire format (JSON and SSE with a usage chunk
/// when asked). Records what the gateway sent so tests can check key injection and body rewriting.
/// </summary>
public sealed class FakeOpenAIUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAIUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string? LastAuthorization { get; private set; }

    public JsonObject? LastBody { get; private set; }

    public static async Task<FakeOpenAIUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var upstream = new FakeOpenAIUpstream(app);
        app.MapPost("/v1/chat/completions", upstream.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseUrl = address.TrimEnd('/') + "/v1";
        return upstream;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        LastAuthorization = context.Request.Headers.Authorization;
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        LastBody = body;
        var model = body["model"]!.GetValue<string>();
        var usage = new JsonObject { ["prompt_tokens"] = 11, ["completion_tokens"] = 3, ["total_tokens"] = 14 };
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["id"] = "chatcmpl-fake", ["object"] = "chat.completion", ["created"] = 1700000000, ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0, ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = "Hello from upstream" },
                }),
                ["usage"] = usage,
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var includeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true;
        string[] pieces = ["Hello", " from", " upstream"];
        await WriteEventAsync(context, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null, includeUsage));
        foreach (var piece in pieces)
        {
            await WriteEventAsync(context, Chunk(model, new JsonObject { ["content"] = piece }, null, includeUsage));
        }

        await WriteEventAsync(context, Chunk(model, new JsonObject(), "stop", includeUsage));
        if (includeUsage)
        {
            await WriteEventAsync(context, new JsonObject
            {
                ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1700000000, ["model"] = model,
                ["choices"] = new JsonArray(), ["usage"] = usage,
            }.ToJsonString());
        }

        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static string Chunk(string model, JsonObject delta, string? finish, bool includeUsage)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = 1700000000, ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk.ToJsonString();
    }

    private static async Task WriteEventAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync("data: " + json + "\n\n", Encoding.UTF8);
        await context.Response.Body.FlushAsync();
    }
}
