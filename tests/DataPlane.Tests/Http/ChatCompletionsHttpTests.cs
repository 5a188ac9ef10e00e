using System.Net;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class ChatCompletionsHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_NonStream_ReturnsUpstreamBodyAndRecordsUsage()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("basic"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Hello! How can I assist you today?", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        var usage = await Host.WaitForUsageAsync(r => r.Model == "basic");
        Assert.Equal((8, 9, 200), (usage.PromptTokens, usage.CompletionTokens, usage.StatusCode));
        Assert.Equal(("openai", "up-basic", TestSnapshots.KeyId), (usage.ProviderKind, usage.UpstreamModel, usage.KeyId));
    }

    [Fact]
    public async Task Post_Forwarded_InjectsUpstreamKeyAndNeverForwardsCallerCredentials()
    {
        using var request = DataPlaneTestHost.Chat("basic");
        request.Headers.Add("x-api-key", TestSnapshots.Key);
        request.Headers.Add("Cookie", "session=secret");

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seen = Host.Upstream.Requests.Last(r => r.Body.Contains("up-basic", StringComparison.Ordinal));
        Assert.Equal("Bearer " + TestSnapshots.UpstreamSecret, seen.Headers["Authorization"]);
        Assert.False(seen.Headers.ContainsKey("x-api-key"));
        Assert.False(seen.Headers.ContainsKey("Cookie"));
        Assert.DoesNotContain(TestSnapshots.Key, string.Join("\n", seen.Headers.Values), StringComparison.Ordinal);
        Assert.Equal("up-basic", JsonDocument.Parse(seen.Body).RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Post_MockRoute_AnswersWithoutUpstream()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("gpt-mock"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("gpt-mock", doc.RootElement.GetProperty("model").GetString());
        Assert.StartsWith("Mock reply to: Hello there.", doc.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }
}
