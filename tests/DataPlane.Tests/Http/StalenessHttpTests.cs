using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>A node that cannot confirm its snapshot with the control plane (here: none is reachable) goes stale.</summary>
public sealed class StalenessHttpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(
        settings: new Dictionary<string, string?> { ["DataPlane:MaxSnapshotAgeSeconds"] = "60", ["DataPlane:RefuseWhenStale"] = "true" },
        time: _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readyz_Fresh_ReadyWithRevisionAndAge()
    {
        using var response = await _host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("dataplane-snapshot").GetProperty("data");
        Assert.Equal(1, data.GetProperty("revision").GetInt64());
        Assert.Equal(60, data.GetProperty("maxSnapshotAgeSeconds").GetDouble());
        Assert.InRange(data.GetProperty("snapshotAgeSeconds").GetDouble(), 0, 60);
    }

    [Fact]
    public async Task Readyz_PastMaxAge_NotReadyAndSaysStale()
    {
        _time.Advance(TimeSpan.FromSeconds(120));

        using var response = await _host.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("dataplane-snapshot");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("stale", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(check.GetProperty("data").GetProperty("snapshotAgeSeconds").GetDouble() > 60);
    }

    [Fact]
    public async Task ChatCompletions_PastMaxAgeWithRefusal_503ConfigStaleInOpenAIShape()
    {
        _time.Advance(TimeSpan.FromSeconds(120));

        using var response = await _host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        await ErrorAssert.IsOpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable, "config_stale");
    }

    [Fact]
    public async Task Messages_PastMaxAgeWithRefusal_503InAnthropicShape()
    {
        _time.Advance(TimeSpan.FromSeconds(120));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"model":"gpt-mock","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Contains("configuration", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
