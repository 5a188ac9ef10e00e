using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Switchyard.DataPlane.Chat;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Providers.Gemini;
using Switchyard.DataPlane.Providers.OpenAICompatible;
using Switchyard.DataPlane.Providers.Upstream;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

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
    public static Task<ScriptedUpstream> RespondWithAsync(int status, string body, string contentType = "application/json") =>
        ScriptedUpstream.StartAsync(app => app.Run(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        }));

    /// <summary>A Gemini upstream streaming <paramref name="sse"/> in small uneven chunks, flushing after each.</summary>
    public static Task<ScriptedUpstream> StreamAsync(string sse) =>
        ScriptedUpstream.StartAsync(app => app.Run(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            var bytes = Encoding.UTF8.GetBytes(sse);
            int[] sizes = [1, 7, 3, 29, 2, 64, 5];
            for (int offset = 0, i = 0; offset < bytes.Length; i++)
            {
                var size = Math.Min(sizes[i % sizes.Length], bytes.Length - offset);
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, size));
                await context.Response.Body.FlushAsync();
                offset += size;
            }
        }));

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
