using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.OpenAICompatible;

/// <summary>Shared pieces of the OpenAI-compatible provider tests: a real upstream client, deployments, scripted replies.</summary>
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

    /// <summary>A 200 with the body in small pseudo-random pieces (1–16 bytes), each flushed, so no event arrives whole.</summary>
    public static FakeReply Chunked(byte[] body, string contentType) =>
        FakeReply.Status(200, contentType).WriteInRandomPieces(body, maxPiece: 16);

    /// <summary>A recorded answer: status and headers from a <c>.headers</c> fixture (when given), body from a fixture.</summary>
    public static FakeReply Recorded(int status, string bodyFixture, string? headersFixture)
    {
        var reply = FakeReply.Status(status, "application/json");
        if (headersFixture is not null)
        {
            foreach (var line in Fixture.Text(headersFixture).Split('\n').Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = colon > 0 ? line[..colon].Trim() : "";
                if (name.Length > 0 && name is not ("content-type" or "content-length" or "date" or "transfer-encoding"))
                {
                    reply.Header(name, line[(colon + 1)..].Trim());
                }
            }
        }

        return reply.Write(Fixture.Bytes(bodyFixture));
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
