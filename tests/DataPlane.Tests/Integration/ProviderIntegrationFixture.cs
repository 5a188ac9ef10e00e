using System.Net.Http.Headers;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;
using Switchyard.Shared.Messages;
using Switchyard.Testing.Upstream;

namespace Switchyard.DataPlane.Tests.Integration;

/// <summary>
/// One <see cref="FakeUpstream"/> on 127.0.0.1 and one running data-plane node with a route per
/// <see cref="ProviderCases"/> entry pointing at it, shared by the tests of a class.
/// </summary>
public sealed class ProviderIntegrationFixture : IAsyncLifetime
{
    public const string WrongGeminiKey = "wrong-gemini-key";

    public FakeUpstream Fake { get; private set; } = null!;

    internal DataPlaneTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fake = await FakeUpstream.StartAsync();
        Host = await DataPlaneTestHost.StartAsync(customize: snapshot =>
        {
            foreach (var c in ProviderCases.All.Concat(ProviderCases.Failing))
            {
                snapshot = snapshot.AddRoute(c.PublicModel, c.Kind, c.UpstreamModel, c.BaseUrl(Fake), c.Secret(Fake), c.Settings);
            }

            var bad = ProviderCases.GeminiBadKey;
            return snapshot.AddRoute(bad.PublicModel, bad.Kind, bad.UpstreamModel, bad.BaseUrl(Fake), WrongGeminiKey, bad.Settings);
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
    }

    /// <summary>POST /v1/chat/completions with the caller's virtual key as a bearer token.</summary>
    public async Task<HttpResponseMessage> ChatAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>POST /v1/messages with the caller's virtual key in x-api-key.</summary>
    public Task<HttpResponseMessage> MessagesAsync(string body) => AnthropicAsync("/v1/messages", body);

    /// <summary>POST /v1/messages/count_tokens with the caller's virtual key in x-api-key.</summary>
    public Task<HttpResponseMessage> CountTokensAsync(string body) => AnthropicAsync("/v1/messages/count_tokens", body);

    /// <summary>The one request the fake received whose body carries <paramref name="nonce"/>.</summary>
    public RecordedRequest UpstreamRequest(string nonce) =>
        Assert.Single(Fake.Requests, r => r.Body.Contains(nonce, StringComparison.Ordinal));

    /// <summary>The usage record the node published for a request of <paramref name="publicModel"/> in a dialect.</summary>
    internal Task<UsageRecord> UsageAsync(string publicModel, string endpoint, bool stream) =>
        Host.WaitForUsageAsync(r => r.Model == publicModel && r.Endpoint == endpoint && r.Stream == stream);

    private async Task<HttpResponseMessage> AnthropicAsync(string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return await Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
