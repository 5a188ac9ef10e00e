using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Providers.Gemini;

/// <summary>Shared pieces of the Gemini tests: deployments, a real upstream client, scripted Gemini endpoints, JSON comparison.</summary>
internal static class GeminiTestSupport
{
    public const string Key = "AIza-test-gemini-key";

    private static readonly UpstreamHttpClient Http = TestEgress.LoopbackClient();

    public static RuntimeDeployment Deployment(string baseUrl, string model = "gemini-2.0-flash") =>
        new(new DeploymentSnapshot(Guid.NewGuid(), ProviderKinds.Gemini, model, baseUrl + "/v1beta", null, 1, new Dictionary<string, string>()), Key);

    public static UpstreamClient Client(double timeoutSeconds = 10) =>
        new(Http, Options.Create(new UpstreamOptions { UpstreamTimeoutSeconds = timeoutSeconds }));

    /// <summary>A Gemini upstream answering every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static Task<FakeUpstream> RespondWithAsync(int status, string body, string contentType = "application/json") =>
        FakeUpstream.StartAsync(FakeReply.Status(status, contentType).Write(body));

    /// <summary>A Gemini upstream streaming <paramref name="sse"/> in small uneven pieces, flushing after each.</summary>
    public static Task<FakeUpstream> StreamAsync(string sse) =>
        FakeUpstream.StartAsync(FakeReply.Status(200, "text/event-stream").WriteInPieces(Encoding.UTF8.GetBytes(sse), 1, 7, 3, 29, 2, 64, 5));

    /// <summary>The Gemini body the writer produces for <paramref name="request"/>.</summary>
    public static JsonElement Write(ChatRequest request)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            GeminiRequestWriter.Write(writer, request);
        }

        return JsonDocument.Parse(stream.ToArray()).RootElement;
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    /// <summary>Semantic JSON equality (property order and number spelling do not matter).</summary>
    public static void AssertJsonEqual(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"Expected:\n{expected}\nActual:\n{actual}");
}
