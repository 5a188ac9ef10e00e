using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.DataPlane.Tests.Infrastructure;
using Switchyard.Shared.Messages;

namespace Switchyard.DataPlane.Tests.Http;

/// <summary>A node asked to stop while a stream is in flight: not ready at once, new requests refused, the stream finishes, its usage goes out.</summary>
public sealed class GracefulDrainHttpTests : IAsyncLifetime
{
    private DataPlaneTestHost _host = null!;

    public async Task InitializeAsync() => _host = await DataPlaneTestHost.StartAsync(
        settings: new Dictionary<string, string?> { ["DataPlane:DrainTimeoutSeconds"] = "120" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Stop_StreamInFlight_NotReadyRefusesNewFinishesStreamAndPublishesItsUsage()
    {
        using var stream = await _host.Client.SendAsync(DataPlaneTestHost.Chat("stream", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var body = await stream.Content.ReadAsStreamAsync();
        var first = await ReadEventAsync(body);

        var stopped = _host.StopAsync();
        var readyz = await WaitForReadyzAsync(HttpStatusCode.ServiceUnavailable);
        using var refused = await _host.Client.SendAsync(DataPlaneTestHost.Chat("basic"));
        var stillStopping = !stopped.IsCompleted;
        _host.Scenarios.StreamGate.Release();
        var rest = await new StreamReader(body).ReadToEndAsync();
        await stopped.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("\"role\":\"assistant\"", first, StringComparison.Ordinal);
        Assert.Contains("stopping", JsonDocument.Parse(readyz).RootElement.GetProperty("checks").GetProperty("dataplane-drain").GetProperty("description").GetString(), StringComparison.Ordinal);
        await ErrorAssert.IsOpenAIErrorAsync(refused, HttpStatusCode.ServiceUnavailable, "shutting_down");
        Assert.True(stillStopping, "The node stopped while a stream was still in flight.");
        Assert.EndsWith("data: [DONE]\n\n", rest, StringComparison.Ordinal);
        var usage = _host.Bus.Published.OfType<UsageBatchReported>().SelectMany(b => b.Records).ToList();
        Assert.Contains(usage, r => r.Model == "stream" && r.Stream && r.StatusCode == 200);
    }

    private async Task<string> WaitForReadyzAsync(HttpStatusCode status)
    {
        for (var i = 0; i < 500; i++)
        {
            using var response = await _host.Client.GetAsync("/readyz");
            if (response.StatusCode == status)
            {
                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"/readyz never answered {status}.");
    }

    private static async Task<string> ReadEventAsync(Stream body)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
