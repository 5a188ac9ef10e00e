using System.Net;
using System.Text;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Http;

public class StreamingHttpTests(DataPlaneHostFixture fixture) : IClassFixture<DataPlaneHostFixture>
{
    private DataPlaneTestHost Host => fixture.Host;

    [Fact]
    public async Task Post_Stream_FirstChunkArrivesBeforeUpstreamFinishes()
    {
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("stream", stream: true), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();

        // The upstream holds every chunk after the first until the gate opens.
        var first = await ReadEventAsync(body).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("\"role\":\"assistant\"", first);

        Host.Scenarios.StreamGate.Release();
        var rest = await new StreamReader(body).ReadToEndAsync();
        Assert.EndsWith("data: [DONE]\n\n", rest);
    }

    [Fact]
    public async Task Post_StreamWithoutIncludeUsage_HidesUsageChunkButRecordsUsage()
    {
        Host.Scenarios.StreamGate.Release();
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("stream", stream: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("\"choices\":[]", text);
        Assert.Contains("data: [DONE]", text);
        var seen = Host.Upstream.Requests.Last(r => r.Body.Contains("up-stream", StringComparison.Ordinal));
        Assert.Contains("\"include_usage\":true", seen.Body);
        var usage = await Host.WaitForUsageAsync(r => r.Model == "stream" && r.Stream && r.CompletionTokens == 9);
        Assert.True(usage.TimeToFirstTokenMs > 0);
    }

    [Fact]
    public async Task Post_StreamWithIncludeUsage_KeepsUsageChunk()
    {
        Host.Scenarios.StreamGate.Release();
        using var response = await Host.Client.SendAsync(DataPlaneTestHost.Chat("stream", stream: true, includeUsage: true));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":8", text);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> ReadEventAsync(Stream body)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\n\n", StringComparison.Ordinal))
        {
            var read = await body.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
