using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Routing;

/// <summary>
/// The output limit on the pass-through path (OpenAI caller, OpenAI-wire deployment of a model with a known limit):
/// no limit the upstream would read goes past the guard unchecked.
/// </summary>
public sealed class CapabilityGuardGatewayTests : IAsyncLifetime
{
    private const int Limit = 100;
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await DataPlaneTestHost.StartAsync(customize: snapshot =>
        {
            var basic = snapshot.Routes.Single(r => r.PublicModel == "basic");
            var limited = basic.Deployments[0] with { Id = Guid.CreateVersion7(), Capabilities = ModelCapabilities.Unrestricted with { MaxOutputTokens = Limit } };
            return snapshot with
            {
                Routes =
                [
                    .. snapshot.Routes,
                    basic with { Id = Guid.CreateVersion7(), PublicModel = "limited", Deployments = [limited] },
                    basic with { Id = Guid.CreateVersion7(), PublicModel = "limited-drop", Deployments = [limited with { Id = Guid.CreateVersion7() }], DropUnsupportedParams = true },
                ],
            };
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Chat_BothLimitsWithTheLegacyOneOverTheModelLimit_400NeverReachesTheUpstream()
    {
        var response = await ChatAsync("limited", """ "max_completion_tokens":50,"max_tokens":100000 """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await ErrorAsync(response)).GetProperty("error");
        Assert.Equal("max_tokens", error.GetProperty("param").GetString());
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task Chat_MaxCompletionTokensOverTheModelLimit_400NamingMaxCompletionTokens()
    {
        var response = await ChatAsync("limited", """ "max_completion_tokens":5000 """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("max_completion_tokens", (await ErrorAsync(response)).GetProperty("error").GetProperty("param").GetString());
        Assert.Empty(_host.Upstream.Requests);
    }

    [Fact]
    public async Task Chat_OverTheModelLimitOnADropRoute_ClampedBeforeTheUpstream()
    {
        var response = await ChatAsync("limited-drop", """ "max_completion_tokens":5000 """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = JsonDocument.Parse(Assert.Single(_host.Upstream.Requests).Body);
        var limits = sent.RootElement.EnumerateObject()
            .Where(p => p.Name is "max_tokens" or "max_completion_tokens")
            .Select(p => p.Value.GetInt32())
            .ToList();
        Assert.Equal([Limit], limits);
    }

    private async Task<HttpResponseMessage> ChatAsync(string model, string fields)
    {
        var body = $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Hello"}],{{fields}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);
        return await _host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
