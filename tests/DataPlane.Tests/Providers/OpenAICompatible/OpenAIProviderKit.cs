using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

/// <summary>Shared pieces of the OpenAI-compatible provider tests: a real upstream client, deployments, scripted answers.</summary>
internal static class OpenAIProviderKit
{
    public const string Secret = "sk-upstream-test-secret";

    /// <summary>One pooled client for every test (like the node's singleton).</summary>
    public static UpstreamClient Client { get; } =
        new(TestEgress.LoopbackClient(), Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = 10 }));

    public static RuntimeDeployment Deployment(string kind, string upstreamModel, string? baseUrl, string? secret = Secret,
        Dictionary<string, string>? settings = null) =>
        new(new DeploymentSnapshot(Guid.CreateVersion7(), kind, upstreamModel, baseUrl, secret is null ? null : Guid.CreateVersion7(), 1,
            settings ?? []), secret);

    /// <summary>A scripted upstream answering every POST with <paramref name="respond"/>.</summary>
    public static Task<ScriptedUpstream> StartAsync(RequestDelegate respond) =>
        ScriptedUpstream.StartAsync(app => app.MapPost("/{**path}", respond));

    /// <summary>Writes the body in small pseudo-random pieces (1–16 bytes), flushing each, so no event arrives whole.</summary>
    public static async Task WriteChunkedAsync(HttpContext context, byte[] body, string contentType, int seed = 7)
    {
        context.Response.ContentType = contentType;
        var random = new Random(seed);
        for (var offset = 0; offset < body.Length;)
        {
            var size = Math.Min(random.Next(1, 17), body.Length - offset);
            await context.Response.Body.WriteAsync(body.AsMemory(offset, size));
            await context.Response.Body.FlushAsync();
            offset += size;
        }
    }

    /// <summary>Serves a recorded error: status and headers from a <c>.headers</c> fixture (when given), body from a fixture.</summary>
    public static async Task WriteRecordedAsync(HttpContext context, int status, string bodyFixture, string? headersFixture)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (headersFixture is not null)
        {
            foreach (var line in Fixture.Text(headersFixture).Split('\n').Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = colon > 0 ? line[..colon].Trim() : "";
                if (name.Length > 0 && name is not ("content-type" or "content-length" or "date" or "transfer-encoding"))
                {
                    context.Response.Headers[name] = line[(colon + 1)..].Trim();
                }
            }
        }

        await context.Response.Body.WriteAsync(Fixture.Bytes(bodyFixture));
    }

    /// <summary>Compares JSON semantically (property order and number spelling aside).</summary>
    public static void JsonEqual(JsonNode? expected, string actual)
    {
        var parsed = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(expected, parsed), $"Expected:\n{expected?.ToJsonString()}\nActual:\n{parsed?.ToJsonString()}");
    }

    /// <summary>Method line, headers and body of a recorded <c>.http</c> request fixture.</summary>
    public static (string Method, Uri Url, Dictionary<string, string> Headers, string Body) HttpFixture(string name)
    {
        var text = Fixture.Text(name).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var lines = text[..split].Split('\n');
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return (requestLine[0], new Uri(requestLine[1]), headers, text[(split + 2)..].Trim());
    }

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
