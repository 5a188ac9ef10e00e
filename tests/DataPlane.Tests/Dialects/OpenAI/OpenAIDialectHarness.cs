using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Dialects.OpenAI;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Dialects.OpenAI;

/// <summary>An <see cref="OpenAIDialect"/> on a fake clock, writing into a <see cref="DefaultHttpContext"/> with a memory body.</summary>
internal sealed class OpenAIDialectHarness
{
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1727888631);

    public OpenAIDialectHarness()
    {
        Time = new FakeTimeProvider(Now);
        Dialect = new OpenAIDialect(Time);
        Context = new DefaultHttpContext();
        Context.Response.Body = Body;
        State = new RecordingObserver();
        Context.Features.Set<IResponseObserver>(State);
    }

    public FakeTimeProvider Time { get; }

    public OpenAIDialect Dialect { get; }

    public DefaultHttpContext Context { get; }

    public MemoryStream Body { get; } = new();

    public RecordingObserver State { get; }

    public string BodyText => Encoding.UTF8.GetString(Body.ToArray());

    /// <summary>The <c>data:</c> payloads of the SSE body, checking every event is exactly <c>data: ...\n\n</c>.</summary>
    public List<string> SseData()
    {
        var text = BodyText;
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        var events = text[..^2].Split("\n\n");
        foreach (var e in events)
        {
            Assert.StartsWith("data: ", e, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e);
        }

        return [.. events.Select(e => e["data: ".Length..])];
    }

    /// <summary>The JSON chunks of the SSE body, checking it ends with exactly one <c>[DONE]</c>.</summary>
    public List<JsonObject> Chunks()
    {
        var data = SseData();
        Assert.Equal("[DONE]", data[^1]);
        Assert.Single(data, d => d == "[DONE]");
        return [.. data.SkipLast(1).Select(d => JsonNode.Parse(d)!.AsObject())];
    }

    /// <summary>The data lines of an SSE fixture as JSON chunks (the final [DONE] dropped).</summary>
    public static List<JsonObject> FixtureChunks(string sse) =>
        [.. sse.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim()["data: ".Length..])
            .Where(d => d != "[DONE]")
            .Select(d => JsonNode.Parse(d)!.AsObject())];

    /// <summary>Parses a body that must be valid.</summary>
    public static ChatRequest Parse(byte[] body)
    {
        var request = new OpenAIDialect(TimeProvider.System).Parse(body, out var error);
        Assert.Null(error);
        return request!;
    }

    /// <summary>Parses a body that must be rejected.</summary>
    public static GatewayError Reject(string body)
    {
        var request = new OpenAIDialect(TimeProvider.System).Parse(Encoding.UTF8.GetBytes(body), out var error);
        Assert.Null(request);
        Assert.NotNull(error);
        return error;
    }

    public static void AssertJsonEqual(JsonNode? expected, JsonNode? actual)
    {
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected:\n{expected?.ToJsonString()}\nActual:\n{actual?.ToJsonString()}");
    }
}
