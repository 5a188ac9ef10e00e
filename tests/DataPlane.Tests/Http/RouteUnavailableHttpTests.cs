using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Configuration;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>
/// A node whose snapshot holds routes it cannot accept (inserted past the control plane's validation): their models
/// answer 503 <c>route_unavailable</c> in the caller's dialect, the tenant's other models keep working.
/// </summary>
public sealed class RouteUnavailableHttpTests : IAsyncLifetime
{
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(customize: snapshot =>
    {
        var mock = snapshot.Routes.Single(r => r.PublicModel == "gpt-mock");
        var broken = mock with { Id = Guid.CreateVersion7(), PublicModel = "broken", Strategy = "fastest" };
        var unknownSetting = mock.Deployments[0] with { Id = Guid.CreateVersion7(), Settings = new Dictionary<string, string> { ["colour"] = "blue" } };
        var halfBroken = mock with { Id = Guid.CreateVersion7(), PublicModel = "half-broken", Deployments = [unknownSetting, mock.Deployments[0]] };
        return snapshot with { Routes = [.. snapshot.Routes, broken, halfBroken] };
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ChatCompletions_RouteNodeCouldNotAccept_Returns503RouteUnavailable()
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("broken"));

        var error = await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "route_unavailable");
        var message = error.GetProperty("message").GetString();
        Assert.Contains("`broken` is unavailable", message, StringComparison.Ordinal);
        Assert.Contains("strategy", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_RouteNodeCouldNotAccept_Returns503InAnthropicShape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"broken","max_tokens":16,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Contains("`broken` is unavailable", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-mock")]
    [InlineData("half-broken")]
    public async Task ChatCompletions_SameTenantsOtherModels_StillServed(string model)
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat(model));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_KeyNotAllowedTheModel_Gets403NotTheReason()
    {
        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("broken", key: TestSnapshots.RestrictedKey));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.Forbidden, "model_not_allowed");
    }

    [Fact]
    public async Task Models_RouteNodeCouldNotAccept_IsNotListed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestSnapshots.Key);

        using var response = await _host.Client.SendAsync(request);

        var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("gpt-mock", ids);
        Assert.Contains("half-broken", ids);
        Assert.DoesNotContain("broken", ids);
    }
}
