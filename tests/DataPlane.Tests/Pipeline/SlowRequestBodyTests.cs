using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.DataPlane.Tests.Infrastructure;

namespace Switchyard.DataPlane.Tests.Pipeline;

/// <summary>A body trickling in below the server's minimum data rate is the client's problem: 408 in its dialect, not a 500.</summary>
public class SlowRequestBodyTests
{
    [Theory]
    [InlineData("/v1/chat/completions", "Authorization: Bearer " + TestSnapshots.Key, "\"invalid_request_error\"")]
    [InlineData("/v1/messages", "x-api-key: " + TestSnapshots.Key + "\r\nanthropic-version: 2023-06-01", "\"invalid_request_error\"")]
    public async Task Post_BodyBelowMinimumDataRate_Answers408InTheDialect(string path, string auth, string errorType)
    {
        await using var host = await DataPlaneTestHost.StartAsync(services: s => s.Configure<KestrelServerOptions>(k =>
            k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 10_000, gracePeriod: TimeSpan.FromSeconds(1.5))));
        using var client = new TcpClient();
        await client.ConnectAsync(host.Client.BaseAddress!.Host, host.Client.BaseAddress.Port);
        var stream = client.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\n{auth}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{{\"model\":\"gpt-mock\",";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        // Then nothing more: the server gives up on the body after its grace period.
        var response = await ReadResponseAsync(stream);

        Assert.StartsWith("HTTP/1.1 408", response, StringComparison.Ordinal);
        Assert.Contains(errorType, response, StringComparison.Ordinal);
        Assert.Contains("The request body was not received in time.", response, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", response, StringComparison.Ordinal);
    }

    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (text.ToString().Contains("not received in time", StringComparison.Ordinal) && text.ToString().TrimEnd().EndsWith('}'))
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }

        return text.ToString();
    }
}
