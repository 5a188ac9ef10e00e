using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Configuration;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Egress;

/// <summary>
/// A node with the default egress policy (no allow-list) whose routes point at its fake upstream on 127.0.0.1 in
/// several spellings: every request is answered 502 <c>egress_denied</c> in the caller's dialect and the upstream sees
/// nothing.
/// </summary>
public sealed class EgressHttpTests : IAsyncLifetime
{
    private DataPlaneTestHost _host = null!;

    public static TheoryData<string> Spellings => ["basic", "decimal", "hex", "octal", "mapped", "localhost"];

    public async Task InitializeAsync() =>
        _host = await DataPlaneTestHost.StartAsync(allowLoopbackEgress: false, customize: snapshot =>
        {
            var port = new Uri(snapshot.Routes.First(r => r.PublicModel == "basic").Deployments[0].BaseUrl!).Port;
            return snapshot
                .AddRoute("decimal", ProviderKinds.OpenAI, "up-basic", $"http://2130706433:{port}/v1", "sk-x")
                .AddRoute("hex", ProviderKinds.OpenAI, "up-basic", $"http://0x7f.0.0.1:{port}/v1", "sk-x")
                .AddRoute("octal", ProviderKinds.OpenAI, "up-basic", $"http://0177.0.0.1:{port}/v1", "sk-x")
                .AddRoute("mapped", ProviderKinds.OpenAI, "up-basic", $"http://[::ffff:127.0.0.1]:{port}/v1", "sk-x")
                .AddRoute("localhost", ProviderKinds.OpenAI, "up-basic", $"http://localhost:{port}/v1", "sk-x");
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task PostChat_RouteToLoopback_502EgressDeniedAndUpstreamSeesNothing(string model)
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat(model));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.BadGateway, "egress_denied");
        Assert.Contains("egress policy", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task PostMessages_TranslatedRouteToLoopback_502InAnthropicShapeAndUpstreamSeesNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"basic","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Contains("egress policy", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task PostChat_PlatformAllowListInSnapshot_ReachesUpstreamUntilItIsRemoved()
    {
        var store = _host.Services.GetRequiredService<SnapshotStore>();
        var upstream = store.Current!.FindRoute(TestSnapshots.TenantId, "basic")!.Deployments[0].BaseUrl;
        var allowed = TestSnapshots.Build(2, upstream) with { Egress = new EgressSnapshot([], ["127.0.0.1/32"]) };
        Assert.True(store.Apply(TestSnapshots.Stamp(allowed)).Applied);

        using (var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("basic")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Taking the network off the list applies to the next request, although a pooled connection to it exists.
        Assert.True(store.Apply(TestSnapshots.Build(3, upstream)).Applied);
        using var refused = await _host.Client.SendAsync(DataPlaneTestHost.Chat("basic"));

        await ErrorAssert.IsOpenAIErrorAsync(refused, HttpStatusCode.BadGateway, "egress_denied");
        Assert.Single(_host.Upstream.Requests);
    }
}
