using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Anthropic;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Streaming;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Anthropic;

/// <summary>Deployments, a provider over real HTTP, request bodies and JSON comparison for the Anthropic tests.</summary>
internal static class AnthropicTestSupport
{
    public const string UpstreamModel = "claude-sonnet-4-20250514";
    public const string Secret = "sk-ant-test-secret";

    private static readonly UpstreamHttpClient Http = TestEgress.LoopbackClient();

    public static RuntimeDeployment Deployment(string? baseUrl = null, Dictionary<string, string>? settings = null, string? secret = Secret) =>
        new(new DeploymentSnapshot(Guid.CreateVersion7(), ProviderKinds.Anthropic, UpstreamModel, baseUrl, null, 1, settings ?? []), secret);

    public static AnthropicChatProvider Provider(double timeoutSeconds = 10) =>
        new(new UpstreamClient(Http, Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = timeoutSeconds })), NullLogger<AnthropicChatProvider>.Instance);

    /// <summary>The body the writer produces, parsed.</summary>
    public static JsonElement Body(ChatRequest request, RuntimeDeployment? deployment = null, bool stream = false, bool countTokens = false)
    {
        using var buffer = new PooledBufferWriter();
        AnthropicRequestWriter.Write(buffer, request, deployment ?? Deployment(), stream, countTokens);
        return JsonDocument.Parse(buffer.WrittenMemory.ToArray()).RootElement;
    }

    /// <summary>Asserts two JSON values are equal regardless of property order (numbers compared by value).</summary>
    public static void JsonEqual(JsonElement expected, JsonElement actual) => Assert.Equal(Normalize(expected), Normalize(actual));

    public static string Normalize(JsonElement element)
    {
        var sb = new StringBuilder();
        Append(sb, element);
        return sb.ToString();
    }

    /// <summary>A fake upstream answering <paramref name="path"/> with <paramref name="reply"/>.</summary>
    public static async Task<FakeUpstream> UpstreamAsync(string path, FakeReply reply)
    {
        var upstream = await FakeUpstream.StartAsync();
        upstream.Answer(path, reply);
        return upstream;
    }

    /// <summary>A scripted Anthropic upstream answering POST /v1/messages with an SSE body in small pieces of random size (seeded), each flushed.</summary>
    public static Task<FakeUpstream> StreamingUpstreamAsync(byte[] sse, int maxChunk = 9) =>
        UpstreamAsync("/v1/messages", FakeReply.Status(200, "text/event-stream; charset=utf-8").WriteInRandomPieces(sse, maxChunk));

    private static void Append(StringBuilder sb, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    sb.Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Append(sb, property.Value);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Append(sb, item);
                    sb.Append(',');
                }

                sb.Append(']');
                break;
            case JsonValueKind.Number:
                sb.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.String:
                sb.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            default:
                sb.Append(element.GetRawText());
                break;
        }

        sb.Append('\n');
    }
}
